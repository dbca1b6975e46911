import type { Server } from 'socket.io';
import { ROLES } from '../../shared/protocol';
import type { SocketData } from './handshake';

/** Viewers whose connection cannot keep up: they skip live traffic until they drain. */
export function slowRoomOf(boardId: string): string {
  return `board:${boardId}:slow`;
}

/**
 * Packets waiting in a socket's engine.io buffer. Above `markAbove` the viewer is behind and
 * skips live strokes, laser and viewport (committed ops still reach it, in order); below
 * `clearBelow` it is back. The gap between the two keeps a borderline viewer from flapping.
 */
export const SLOW_VIEWER = { markAbove: 48, clearBelow: 4, checkEveryMs: 200 } as const;

export function nextSlowState(backlog: number, wasSlow: boolean): boolean {
  if (backlog > SLOW_VIEWER.markAbove) return true;
  if (backlog < SLOW_VIEWER.clearBelow) return false;
  return wasSlow;
}

interface EngineConn {
  writeBuffer?: unknown[];
}

/** Checks every viewer's backlog a few times a second; returns the stop function. */
export function watchSlowViewers(io: Server<never, never, never, SocketData> | Server): () => void {
  const timer = setInterval(() => {
    for (const socket of io.of('/').sockets.values()) {
      const data = socket.data as Partial<SocketData>;
      if (data.role !== ROLES.viewer || !data.boardId) continue;
      const room = slowRoomOf(data.boardId);
      const backlog = (socket.conn as unknown as EngineConn).writeBuffer?.length ?? 0;
      const wasSlow = socket.rooms.has(room);
      const slow = nextSlowState(backlog, wasSlow);
      if (slow && !wasSlow) void socket.join(room);
      else if (!slow && wasSlow) void socket.leave(room);
    }
  }, SLOW_VIEWER.checkEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}

import type { Server, Socket } from 'socket.io';
import { canWrite, type Role } from '../../shared/protocol';
import type { Logger } from '../logger';
import type { SocketData } from './handshake';

/**
 * What a socket may have waiting to be sent before it is cut: engine.io packets not yet handed
 * to the websocket, and bytes the websocket holds that the kernel has not taken (the peer is
 * not reading). Past either bound the connection is closed, not buffered without end.
 *
 * Viewers: a catch-up reply is at most READ_LIMITS.catchUpMaxBytes (2 MB), a committed op at
 * most LIMITS.messageBytes (1 MB); 8 MB is a few of each, far more than a reading viewer on a
 * weak link ever holds (it is moved out of live traffic at 48 packets, slow-viewers.ts), and
 * 250 viewers at the bound would still be 2 GB only if all stopped reading at once. Writers
 * (recorder, organiser) get four times that: losing the recorder's socket costs more, and
 * there are few of them. The packet bound catches floods of small frames.
 */
export const SEND_BUDGET = {
  viewer: { bytes: 8 * 1024 * 1024, packets: 2_000 },
  writer: { bytes: 32 * 1024 * 1024, packets: 8_000 },
  checkEveryMs: 250,
} as const;

interface EnginePacket {
  data?: unknown;
}

interface EngineConn {
  writeBuffer?: EnginePacket[];
  transport?: { socket?: { bufferedAmount?: number; terminate?: () => void } };
  close?: (discard?: boolean) => void;
}

export interface Backlog {
  packets: number;
  bytes: number;
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/** What waits to go out on one engine.io connection. */
export function backlogOf(conn: unknown): Backlog {
  const c = conn as EngineConn;
  const queued = c.writeBuffer ?? [];
  let bytes = c.transport?.socket?.bufferedAmount ?? 0;
  for (const p of queued) bytes += sizeOf(p.data);
  return { packets: queued.length, bytes };
}

/** Why a backlog is over the role's budget, or null while it is within it. */
export function overBudget(backlog: Backlog, role: Role): string | null {
  const budget = canWrite(role) ? SEND_BUDGET.writer : SEND_BUDGET.viewer;
  if (backlog.bytes > budget.bytes) return `${backlog.bytes} bytes waiting (budget ${budget.bytes})`;
  if (backlog.packets > budget.packets)
    return `${backlog.packets} packets waiting (budget ${budget.packets})`;
  return null;
}

/**
 * Closes the connection at once, dropping what it holds. Not a Socket.IO disconnect: a client
 * that sees its transport close reconnects by itself and catches up (`sync`, or the snapshot
 * when far behind), as after any network drop. A plain engine.io close would wait for the
 * buffer to drain, which a peer that does not read never lets happen.
 */
export function cutConnection(socket: Socket): void {
  const conn = socket.conn as unknown as EngineConn;
  const ws = conn.transport?.socket;
  if (typeof ws?.terminate === 'function') ws.terminate();
  else conn.close?.(true);
}

function cutOver(socket: Socket, backlog: Backlog, log: Logger): boolean {
  const data = socket.data as Partial<SocketData>;
  if (!data.role) return false;
  const reason = overBudget(backlog, data.role);
  if (!reason) return false;
  log.warn(
    'socket',
    `cut a ${data.role} socket of board ${data.boardId ?? '?'} whose send queue passed its budget: ${reason}`,
  );
  cutConnection(socket);
  return true;
}

/**
 * Before a large send (a catch-up reply): false, with the connection cut, when `bytes` more
 * would pass the socket's budget. Checked here as well as by the timer so that a burst of
 * large replies cannot overshoot the bound between two checks.
 */
export function mayQueue(socket: Socket, bytes: number, log: Logger): boolean {
  const backlog = backlogOf(socket.conn);
  return !cutOver(socket, { packets: backlog.packets + 1, bytes: backlog.bytes + bytes }, log);
}

/** Checks every socket's backlog a few times a second; returns the stop function. */
export function watchSendBudgets(io: Server, log: Logger): () => void {
  const timer = setInterval(() => {
    for (const socket of io.of('/').sockets.values()) cutOver(socket, backlogOf(socket.conn), log);
  }, SEND_BUDGET.checkEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}

import type { Server } from 'socket.io';
import { viewportSchema } from '../../shared/ephemeral';
import { idSchema } from '../../shared/ids';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol';
import { parseWith } from '../../shared/validate';
import type { BoardService } from '../boards/board-service';
import type { Logger } from '../logger';
import type { PresenceTracker } from '../presence';
import type { ViewportMemory } from '../socket/ephemeral-handlers';
import type { SocketData } from '../socket/handshake';
import { guarded } from '../socket/guarded';
import { roomOf } from '../socket/room';
import type { InterServerEvents } from './inter-server-events';

type ClusterIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Each node repeats its counts this often; REMOTE_PRESENCE_TTL_MS is a few of these. */
export const PRESENCE_HEARTBEAT_MS = 5_000;

/** A board id as sent between nodes: the shape the socket handshake accepts, nothing else. */
function isBoardId(v: unknown): v is string {
  return idSchema.safeParse(v).success;
}

export interface ClusterDeps {
  io: ClusterIo;
  nodeId: string;
  boards: BoardService;
  presence: PresenceTracker;
  viewports: ViewportMemory;
  log: Logger;
}

/**
 * Listens to the other nodes (through the Redis adapter) and keeps this node's view of the
 * cluster: board caches, presence counts (told to this node's own sockets), the recorder's
 * viewport. Returns the function that stops the heartbeat and says goodbye.
 */
export function joinCluster({ io, nodeId, boards, presence, viewports, log }: ClusterDeps): () => void {
  const tellLocal = (boardIds: Iterable<string>) => {
    for (const id of new Set(boardIds)) io.local.to(roomOf(id)).emit('presence', presence.of(id));
  };

  io.on(
    'boardChanged',
    guarded(log, 'cluster boardChanged', async (boardId: unknown) => {
      if (isBoardId(boardId)) await boards.writer.refresh(boardId);
    }),
  );
  io.on(
    'presence',
    guarded(log, 'cluster presence', (from: unknown, counts: unknown) => {
      if (typeof from !== 'string' || from === nodeId || typeof counts !== 'object' || counts === null)
        return;
      const valid = Object.entries(counts as Record<string, unknown>).filter(
        (e): e is [string, { viewers: number; recorders: number }] =>
          isBoardId(e[0]) && typeof e[1] === 'object' && e[1] !== null,
      );
      tellLocal(presence.setRemote(from, Object.fromEntries(valid)));
    }),
  );
  io.on(
    'viewport',
    guarded(log, 'cluster viewport', (boardId: unknown, raw: unknown) => {
      const v = parseWith(viewportSchema, raw);
      if (isBoardId(boardId) && v.ok) viewports.learn(boardId, v.value);
    }),
  );

  const heartbeat = setInterval(() => {
    try {
      io.serverSideEmit('presence', nodeId, presence.local());
      tellLocal(presence.expire());
    } catch (err) {
      log.error('cluster', 'presence heartbeat failed', err);
    }
  }, PRESENCE_HEARTBEAT_MS);
  heartbeat.unref();
  // Say hello at once, so the others count this node's sockets without waiting a beat.
  io.serverSideEmit('presence', nodeId, presence.local());
  return () => {
    clearInterval(heartbeat);
    // Leaving on purpose (SIGTERM): the others stop counting this node's sockets at once
    // rather than after REMOTE_PRESENCE_TTL_MS.
    try {
      io.serverSideEmit('presence', nodeId, {});
    } catch (err) {
      log.error('cluster', 'goodbye failed', err);
    }
  };
}

import type { Socket } from 'socket.io';
import { EPHEMERAL_LIMITS, laserSchema, viewportSchema, type Viewport } from '../../shared/ephemeral';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol';
import type { InterServerEvents } from '../cluster/inter-server-events';
import { parseWith } from '../../shared/validate';
import type { Logger } from '../logger';
import { guarded } from './guarded';
import type { SocketData } from './handshake';
import { TokenBucket } from './rate-limit';
import { contentRoom } from './room';
import { slowRoomOf } from './slow-viewers';

type WriterSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * The last viewport each board's recorder showed: ephemeral, gone with the process. In a
 * cluster `share` tells the other nodes, so a late joiner on any node starts where the
 * recorder looks.
 */
export class ViewportMemory {
  readonly #last = new Map<string, Viewport>();
  readonly #share: ((boardId: string, v: Viewport) => void) | undefined;

  constructor(share?: (boardId: string, v: Viewport) => void) {
    this.#share = share;
  }

  get(boardId: string): Viewport | null {
    return this.#last.get(boardId) ?? null;
  }

  /** From this node's recorder: kept (sharing is `share`, rate-limited by the caller). */
  set(boardId: string, v: Viewport): void {
    this.#last.set(boardId, v);
  }

  /** Shared with the other nodes at most as often as it is broadcast. */
  share(boardId: string, v: Viewport): void {
    this.#share?.(boardId, v);
  }

  /** From another node's recorder: kept only. */
  learn(boardId: string, v: Viewport): void {
    this.#last.set(boardId, v);
  }
}

/**
 * Viewport and laser pointer from a writer, relayed to the rest of the board. Over the rate,
 * updates are dropped silently: only the latest matters and the next one is a moment away.
 */
export function registerEphemeralHandlers(
  socket: WriterSocket,
  log: Logger,
  viewports: ViewportMemory,
  revealed: () => boolean,
): void {
  const { boardId, clientId } = socket.data;
  const room = () => contentRoom(boardId, revealed());
  const viewportBucket = new TokenBucket(
    EPHEMERAL_LIMITS.viewportPerSecond,
    EPHEMERAL_LIMITS.viewportPerSecond,
  );
  const laserBucket = new TokenBucket(EPHEMERAL_LIMITS.laserPerSecond, EPHEMERAL_LIMITS.laserPerSecond);

  socket.on(
    'viewport',
    guarded(log, 'viewport', (raw: unknown) => {
      const v = parseWith(viewportSchema, raw);
      if (!v.ok) {
        socket.emit('rejected', { event: 'viewport', reason: v.reason });
        return;
      }
      viewports.set(boardId, v.value);
      if (viewportBucket.take()) {
        viewports.share(boardId, v.value);
        socket
          .to(room())
          .except(slowRoomOf(boardId))
          .emit('viewport', { ...v.value, actor: clientId });
      }
    }),
  );

  socket.on(
    'laser',
    guarded(log, 'laser', (raw: unknown) => {
      if (!laserBucket.take()) return;
      const l = parseWith(laserSchema, raw);
      if (!l.ok) {
        socket.emit('rejected', { event: 'laser', reason: l.reason });
        return;
      }
      socket
        .to(room())
        .except(slowRoomOf(boardId))
        .volatile.emit('laser', { ...l.value, actor: clientId });
    }),
  );
}

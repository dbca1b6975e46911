import type { Socket } from 'socket.io';
import type { Logger } from '../logger';
import { TokenBucket } from './rate-limit';

/**
 * What an honest page never sends: an op the shared schema refuses or one claiming more points
 * than an op may carry (the client checks and chunks with the same code), or, from a viewer,
 * any event but `sync`. Each is a strike; a socket out of strikes is disconnected after its
 * reply, so it cannot keep the server decoding and refusing its frames for free. A few are
 * forgiven (a client of another version, a bug): the count refills slowly.
 */
export const STRIKE_LIMITS = { burst: 10, perSecond: 0.1 } as const;

export class Strikes {
  readonly #bucket: TokenBucket;
  readonly #onOut: (() => void) | undefined;
  #out = false;

  /** `onOut` hears of the last strike (the socket's address is marked: abuse-cuts.ts). */
  constructor(now?: () => number, onOut?: () => void) {
    this.#bucket = new TokenBucket(STRIKE_LIMITS.perSecond, STRIKE_LIMITS.burst, now);
    this.#onOut = onOut;
  }

  /** Counts one strike; true when this one used the last. `all` spends every strike left. */
  strike(all = false): boolean {
    if (this.#out) return false;
    if (!all && this.#bucket.take()) return false;
    this.#out = true;
    this.#onOut?.();
    return true;
  }
}

/**
 * A strike against `socket`; when it was the last, the socket is disconnected once the replies
 * already queued (a refusal among them) have gone out, so an honest client that sent them
 * knows their fate and does not send them again after it reconnects.
 */
export function strikeAgainst(socket: Socket, strikes: Strikes, why: string, log: Logger, all = false): void {
  if (!strikes.strike(all)) return;
  const { role, boardId } = socket.data as { role?: string; boardId?: string };
  log.warn('socket', `disconnected a ${role ?? '?'} socket of board ${boardId ?? '?'}: ${why}`);
  // After the reply of this tick is written: disconnect(true) closes once the buffer drained.
  setImmediate(() => socket.disconnect(true));
}

import type { Socket } from 'socket.io';
import type { GrarecoIo } from './io';

export const SESSION_LIMITS = {
  /**
   * An engine.io session that has not completed the Socket.IO connect within this is closed
   * (Socket.IO's default is 45 s). Websocket only, so engine.io's upgradeTimeout never applies.
   */
  connectTimeoutMs: 5_000,
  /**
   * How long the peer of a closed session may take to answer the websocket close frame before
   * its TCP connection is cut. `ws` waits 30 s by default, so a client that never answers would
   * keep a file descriptor for that long after every refusal.
   */
  closeGraceMs: 2_000,
} as const;

/** Every engine.io session that closes, for whatever reason, lets go of its TCP connection soon. */
export function cutClosedSessions(io: GrarecoIo): void {
  io.engine.on('connection', (conn: Socket['conn']) => {
    const tcp = conn.request.socket;
    conn.once('close', () => {
      if (tcp.destroyed) return;
      const timer = setTimeout(() => tcp.destroy(), SESSION_LIMITS.closeGraceMs);
      timer.unref();
      tcp.once('close', () => clearTimeout(timer));
    });
  });
}

/**
 * Closes the connection of a refused handshake. Socket.IO sends the CONNECT_ERROR packet on
 * the tick after `next(err)` and then leaves the engine.io session open (until its connect
 * timeout), so an attacker's refused sessions would pile up. `setImmediate` runs after that
 * tick: the packet is already written or queued, and `close()` waits for the queue to drain.
 */
export function closeAfterRefusal(socket: Socket): void {
  setImmediate(() => socket.conn.close());
}

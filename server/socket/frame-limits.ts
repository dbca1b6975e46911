import type { Socket } from 'socket.io';
import { LIMITS } from '../../shared/limits';
import { canWrite, type Role } from '../../shared/protocol';
import type { GrarecoIo } from './io';

/**
 * How large one incoming websocket frame may be. Engine.io applies one bound to every
 * connection (maxHttpBufferSize, sized for a writer's largest legal op) and Socket.IO decodes
 * a frame up to it before any handler sees it. A session before its handshake sends only the
 * CONNECT with its auth, and a viewer only `sync` requests, both well under a kilobyte: their
 * bound is lowered, so `ws` refuses a larger frame from its header (close 1009) without
 * buffering, unmasking or decoding it. A writer gets the full bound once its key is known.
 */
export const FRAME_LIMITS = {
  untrustedBytes: 64 * 1024,
  writerBytes: LIMITS.messageBytes,
} as const;

interface EngineConn {
  transport?: {
    socket?: {
      _receiver?: { _maxPayload?: unknown };
      on?: (event: 'error', listener: (err: { code?: unknown }) => void) => void;
    };
  };
}

/** Sets the frame bound of one engine.io connection (ws's receiver; a no-op if it has none). */
export function limitFrames(conn: unknown, bytes: number): boolean {
  const receiver = (conn as EngineConn).transport?.socket?._receiver;
  if (!receiver || typeof receiver._maxPayload !== 'number') return false;
  receiver._maxPayload = bytes;
  return true;
}

/** The frame bound a connection gets once its handshake has settled its role. */
export function frameBytesFor(role: Role): number {
  return canWrite(role) ? FRAME_LIMITS.writerBytes : FRAME_LIMITS.untrustedBytes;
}

/**
 * Every new session starts with the untrusted bound, before it has sent its CONNECT.
 * `onTooLarge` hears of each connection ws closed for a frame past its bound.
 */
export function limitUntrustedFrames(io: GrarecoIo, onTooLarge: (conn: Socket['conn']) => void): void {
  io.engine.on('connection', (conn: Socket['conn']) => {
    limitFrames(conn, FRAME_LIMITS.untrustedBytes);
    (conn as EngineConn).transport?.socket?.on?.('error', (err) => {
      if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') onTooLarge(conn);
    });
  });
}

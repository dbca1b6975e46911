import type { Socket } from 'socket.io';
import { socketAuthSchema, ROLES, type Role } from '../../shared/protocol';
import { REJECT, type RejectReason } from '../../shared/reject-reasons';
import { parseWith } from '../../shared/validate';
import type { BoardService } from '../boards/board-service';
import type { Logger } from '../logger';
import { StoreDamagedError } from '../store/store-damaged';
import { clientAddress } from './client-address';
import { FailedHandshakes } from './failed-handshakes';
import { closeAfterRefusal } from './session-closing';

export interface SocketData {
  boardId: string;
  role: Role;
  clientId: string;
}

function refuse(reason: RejectReason): Error & { data: { reason: RejectReason } } {
  return Object.assign(new Error(reason), { data: { reason } });
}

/** The refusals a client brings on itself; a failing store is not the client's doing. */
const CLIENT_FAULTS = new Set<RejectReason>([REJECT.badKey, REJECT.unknownBoard, REJECT.protocolMismatch]);

export interface HandshakeOptions {
  /** PUBLIC_URL is set: a proxy on loopback forwards, and its X-Forwarded-For is believed. */
  trustProxy: boolean;
  failures?: FailedHandshakes;
}

/**
 * Roles are settled here, once: a socket's handlers are chosen from its role at connection.
 * A refused handshake's connection is closed right after the refusal is sent. An address with
 * too many failed handshakes in a window is checked against the boards in memory only: a
 * viewer of a board in use still gets in at once, anything else is refused with
 * rate_limited, without a store read, until the window passes.
 */
export function handshake(boards: BoardService, log: Logger, options: HandshakeOptions) {
  const failures = options.failures ?? new FailedHandshakes();
  return async (socket: Socket, next: (err?: Error) => void): Promise<void> => {
    const address = clientAddress(socket.request, options.trustProxy);
    const limited = failures.over(address);
    const fail = (reason: RejectReason) => {
      if (CLIENT_FAULTS.has(reason)) failures.record(address);
      next(refuse(reason));
      closeAfterRefusal(socket);
    };
    try {
      const auth = parseWith(socketAuthSchema, socket.handshake.auth);
      if (!auth.ok) {
        fail(
          auth.reason === REJECT.protocolMismatch
            ? auth.reason
            : auth.detail === 'boardId'
              ? REJECT.unknownBoard
              : REJECT.badKey,
        );
        return;
      }
      const board = limited
        ? boards.writer.cachedBoard(auth.value.boardId)
        : await boards.writer.find(auth.value.boardId);
      if (!board) {
        fail(limited ? REJECT.rateLimited : REJECT.unknownBoard);
        return;
      }
      const role = boards.access.roleFor(board, auth.value.key);
      if (!role) {
        fail(REJECT.badKey);
        return;
      }
      const data: SocketData = { boardId: auth.value.boardId, role, clientId: auth.value.clientId };
      socket.data = data;
      next();
    } catch (err) {
      // The store failed (the input was checked above): the client is told only that, the log
      // keeps why. Damage was logged once by the store; every viewer's retry would repeat it.
      if (err instanceof StoreDamagedError) return fail(REJECT.storeDamaged);
      log.error('socket', 'handshake failed', err);
      fail(REJECT.internal);
    }
  };
}

export function presenceRole(role: Role): 'viewers' | 'recorders' {
  return role === ROLES.viewer ? 'viewers' : 'recorders';
}

import type { Socket } from 'socket.io';
import { socketAuthSchema, ROLES, type Role } from '../../shared/protocol';
import { REJECT, type RejectReason } from '../../shared/reject-reasons';
import { parseWith } from '../../shared/validate';
import type { BoardService } from '../boards/board-service';
import type { Logger } from '../logger';
import { StoreDamagedError } from '../store/store-damaged';

export interface SocketData {
  boardId: string;
  role: Role;
  clientId: string;
}

function refuse(reason: RejectReason): Error & { data: { reason: RejectReason } } {
  return Object.assign(new Error(reason), { data: { reason } });
}

/** Roles are settled here, once: a socket's handlers are chosen from its role at connection. */
export function handshake(boards: BoardService, log: Logger) {
  return async (socket: Socket, next: (err?: Error) => void): Promise<void> => {
    try {
      const auth = parseWith(socketAuthSchema, socket.handshake.auth);
      if (!auth.ok) {
        const reason =
          auth.reason === REJECT.protocolMismatch
            ? auth.reason
            : auth.detail === 'boardId'
              ? REJECT.unknownBoard
              : REJECT.badKey;
        next(refuse(reason));
        return;
      }
      const board = await boards.writer.find(auth.value.boardId);
      if (!board) {
        next(refuse(REJECT.unknownBoard));
        return;
      }
      const role = boards.access.roleFor(board, auth.value.key);
      if (!role) {
        next(refuse(REJECT.badKey));
        return;
      }
      const data: SocketData = { boardId: auth.value.boardId, role, clientId: auth.value.clientId };
      socket.data = data;
      next();
    } catch (err) {
      // The store failed (the input was checked above): the client is told only that, the log
      // keeps why.
      log.error('socket', 'handshake failed', err);
      next(refuse(err instanceof StoreDamagedError ? REJECT.storeDamaged : REJECT.internal));
    }
  };
}

export function presenceRole(role: Role): 'viewers' | 'recorders' {
  return role === ROLES.viewer ? 'viewers' : 'recorders';
}

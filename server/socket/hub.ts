import type { BoardMeta } from '../../shared/board';
import { NOTICES, ROLES, type Role } from '../../shared/protocol';
import type { GrarecoIo } from './io';
import { audienceMeta } from '../boards/audience-meta';
import { roomOf, writersOf } from './room';

/**
 * What the HTTP side needs from the live side: tell a board's sockets about a change of meta,
 * and drop the sockets whose link was rotated. Attached once Socket.IO is up.
 */
export class BoardHub {
  #io: GrarecoIo | undefined;
  #clustered = false;

  /** `clustered`: other nodes serve the same boards and cache them too. */
  attach(io: GrarecoIo, clustered = false): void {
    this.#io = io;
    this.#clustered = clustered;
  }

  /** Other nodes drop what their caches hold of the board (meta, keys) and read it again. */
  #tellNodes(boardId: string): void {
    if (this.#clustered) this.#io?.serverSideEmit('boardChanged', boardId);
  }

  metaChanged(meta: BoardMeta): void {
    this.#tellNodes(meta.id);
    this.#io?.to(writersOf(meta.id)).emit('meta', meta);
    this.#io?.to(roomOf(meta.id)).except(writersOf(meta.id)).emit('meta', audienceMeta(meta));
  }

  /** Tells every socket of a deleted board why, then closes them. */
  async dropBoard(boardId: string): Promise<void> {
    if (!this.#io) return;
    this.#tellNodes(boardId);
    this.#io.to(roomOf(boardId)).emit('notice', { reason: NOTICES.boardDeleted });
    this.#io.in(roomOf(boardId)).disconnectSockets(true);
  }

  /** Disconnects every socket of a board that joined with the given role. */
  async dropRole(boardId: string, role: Role): Promise<number> {
    if (!this.#io) return 0;
    this.#tellNodes(boardId);
    const sockets = await this.#io.in(roomOf(boardId)).fetchSockets();
    let dropped = 0;
    for (const s of sockets) {
      if (s.data.role !== role || role === ROLES.organiser) continue;
      s.emit('notice', { reason: NOTICES.keyRotated });
      s.disconnect(true);
      dropped++;
    }
    return dropped;
  }
}

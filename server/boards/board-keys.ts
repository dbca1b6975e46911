import type { BoardMeta } from '../../shared/board';
import { ROLES, type Role } from '../../shared/protocol';
import { ok } from '../../shared/result';
import { hashKey, keyMatches, newKey, sameSecret, seal, unseal } from '../keys';
import type { StoredBoard } from '../store/store';
import type { BoardWriter } from './board-writer';

export interface BoardKeys {
  editKey: string;
  viewKey: string;
}

/**
 * Who may do what on a board: its edit and view keys (stored hashed for checking and sealed
 * with the server secret for the organiser's links) and the admin token.
 */
export class BoardAccess {
  readonly #secret: Buffer;
  readonly #adminToken: string;
  readonly #writer: BoardWriter;

  constructor(opts: { secret: Buffer; adminToken: string; writer: BoardWriter }) {
    this.#secret = opts.secret;
    this.#adminToken = opts.adminToken;
    this.#writer = opts.writer;
  }

  /** A fresh pair of keys for a new board. */
  newKeys(): BoardKeys {
    return { editKey: newKey(), viewKey: newKey() };
  }

  /** The row a new board is stored as: its meta, its seq and its keys, hashed and sealed. */
  stored(meta: BoardMeta, keys: BoardKeys, seq: number): StoredBoard {
    return {
      meta,
      seq,
      editKeyHash: hashKey(keys.editKey),
      viewKeyHash: hashKey(keys.viewKey),
      editKeySealed: seal(keys.editKey, this.#secret),
      viewKeySealed: seal(keys.viewKey, this.#secret),
    };
  }

  keysOf(board: StoredBoard): BoardKeys {
    return {
      editKey: unseal(board.editKeySealed, this.#secret),
      viewKey: unseal(board.viewKeySealed, this.#secret),
    };
  }

  isAdmin(token: string): boolean {
    return sameSecret(token, this.#adminToken);
  }

  /** Which role a presented key gives on a board, or undefined for a wrong key. */
  roleFor(board: StoredBoard, key: string): Role | undefined {
    if (this.isAdmin(key)) return ROLES.organiser;
    if (keyMatches(key, board.editKeyHash)) return ROLES.recorder;
    if (keyMatches(key, board.viewKeyHash)) return ROLES.viewer;
    return undefined;
  }

  /** A new edit or view key; the old one stops working at once. Returns the new keys. */
  async rotateKey(
    boardId: string,
    which: 'edit' | 'view',
  ): Promise<{ board: StoredBoard; keys: BoardKeys } | undefined> {
    const key = newKey();
    const rotated = await this.#writer.updateBoard(
      boardId,
      (board) =>
        ok(
          which === 'edit'
            ? { ...board, editKeyHash: hashKey(key), editKeySealed: seal(key, this.#secret) }
            : { ...board, viewKeyHash: hashKey(key), viewKeySealed: seal(key, this.#secret) },
        ),
      // The organiser's: a locked board's links can be rotated too.
      true,
    );
    return rotated.ok ? { board: rotated.value, keys: this.keysOf(rotated.value) } : undefined;
  }
}

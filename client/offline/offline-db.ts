import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { BoardMeta } from '../../shared/board';
import type { BoardObject } from '../../shared/objects/board-object';
import type { Op } from '../../shared/ops';
import type { Role } from '../../shared/protocol';

/** One op waiting for the server's ack, in the order this device made it. */
export interface QueuedOp {
  boardId: string;
  opId: string;
  op: Op;
}

/** What the device last knew about a board besides its records. */
export interface CachedBoard {
  boardId: string;
  seq: number;
  meta: BoardMeta;
  role: Role;
  /** SHA-256 of the key that loaded it: the copy opens offline only with the same link. */
  keyHash: string;
  savedAt: number;
}

interface GrarecoDb extends DBSchema {
  /** Out-of-line auto-increment keys keep the creation order across tabs and reloads. */
  queue: {
    key: number;
    value: QueuedOp;
    indexes: { byBoard: string; byOp: string };
  };
  /** Keyed [boardId, objectId]: a board's records are one key range. */
  objects: {
    key: [string, string];
    value: BoardObject;
  };
  boards: {
    key: string;
    value: CachedBoard;
  };
}

export type OfflineDb = IDBPDatabase<GrarecoDb>;

const DB_NAME = 'grareco';
const DB_VERSION = 1;

let opening: Promise<OfflineDb | null> | undefined;

/**
 * The device's store for unsent ops and the last copy of recorder boards. Null when the
 * browser has no usable IndexedDB (some private modes): the app still works, only without
 * surviving a reload.
 */
export function offlineDb(): Promise<OfflineDb | null> {
  opening ??= (async () => {
    if (typeof indexedDB === 'undefined') return null;
    try {
      return await openDB<GrarecoDb>(DB_NAME, DB_VERSION, {
        upgrade(db) {
          const queue = db.createObjectStore('queue', { autoIncrement: true });
          queue.createIndex('byBoard', 'boardId');
          queue.createIndex('byOp', 'opId', { unique: true });
          db.createObjectStore('objects');
          db.createObjectStore('boards', { keyPath: 'boardId' });
        },
        // Another tab with a newer build wants to upgrade: let it, this tab reloads later.
        blocking(_current, _next, event) {
          (event.target as IDBDatabase | null)?.close();
          opening = undefined;
        },
      });
    } catch (err) {
      console.warn('[grareco] IndexedDB unavailable; unsent strokes will not survive a reload', err);
      return null;
    }
  })();
  return opening;
}

/** All object keys of one board: strings sort before arrays, so [id, []] closes the range. */
export function boardObjectRange(boardId: string): IDBKeyRange {
  return IDBKeyRange.bound([boardId], [boardId, []]);
}

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
/** The connection `opening` gave, so a lost one is told apart from a newer one. */
let current: OfflineDb | null = null;
let warned = false;

/**
 * The device's store for unsent ops and the last copy of recorder boards. Null when the
 * browser has no usable IndexedDB (some private modes): the app still works, only without
 * surviving a reload.
 *
 * One connection is shared while it lives. WebKit may drop it while the app is suspended
 * (iPadOS puts a background tab to sleep): a `close` event, or transactions that throw from
 * then on. Either way the next call opens a fresh one (see forgetOfflineDb, withOfflineDb).
 */
export function offlineDb(): Promise<OfflineDb | null> {
  opening ??= openOfflineDb();
  return opening;
}

async function openOfflineDb(): Promise<OfflineDb | null> {
  if (typeof indexedDB === 'undefined') return null;
  let db: OfflineDb | null = null;
  try {
    db = await openDB<GrarecoDb>(DB_NAME, DB_VERSION, {
      upgrade(up) {
        const queue = up.createObjectStore('queue', { autoIncrement: true });
        queue.createIndex('byBoard', 'boardId');
        queue.createIndex('byOp', 'opId', { unique: true });
        up.createObjectStore('objects');
        up.createObjectStore('boards', { keyPath: 'boardId' });
      },
      // Another tab with a newer build wants to upgrade: let it, this tab reloads later.
      blocking() {
        if (db) forgetOfflineDb(db);
      },
      // The browser closed the connection (storage cleared, WebKit's storage process gone).
      terminated() {
        if (db) forgetOfflineDb(db);
      },
    });
    current = db;
    return db;
  } catch (err) {
    // Not kept as the answer: storage may work again later (a resumed iPad), so the next
    // call tries once more.
    opening = undefined;
    if (!warned)
      console.warn('[grareco] IndexedDB unavailable; unsent strokes will not survive a reload', err);
    warned = true;
    return null;
  }
}

/** Closes a connection that no longer works; the next offlineDb() opens a fresh one. */
export function forgetOfflineDb(db: OfflineDb): void {
  if (current === db) {
    current = null;
    opening = undefined;
  }
  try {
    db.close();
  } catch {
    // Already closed.
  }
}

/**
 * What a transaction on a dead connection throws: InvalidStateError ("the database connection
 * is closing") or, in WebKit, UnknownError ("Connection to Indexed Database server lost").
 */
function lostConnection(err: unknown): boolean {
  return err instanceof DOMException && (err.name === 'InvalidStateError' || err.name === 'UnknownError');
}

/**
 * Runs `work` on the store; when the connection turns out to be lost, opens a fresh one and
 * runs it once more (a transaction that failed wrote nothing, so the retry is not a double).
 * Null when there is no store; other errors are the caller's.
 */
export async function withOfflineDb<T>(
  db: () => Promise<OfflineDb | null>,
  work: (db: OfflineDb) => Promise<T>,
): Promise<T | null> {
  const first = await db();
  if (!first) return null;
  try {
    return await work(first);
  } catch (err) {
    if (!lostConnection(err)) throw err;
    forgetOfflineDb(first);
    const again = await db();
    if (!again || again === first) throw err;
    return await work(again);
  }
}

/** All object keys of one board: strings sort before arrays, so [id, []] closes the range. */
export function boardObjectRange(boardId: string): IDBKeyRange {
  return IDBKeyRange.bound([boardId], [boardId, []]);
}

import type { Op } from '../../shared/ops';
import { offlineDb, withOfflineDb, type OfflineDb } from './offline-db';
import type { OpStore } from './op-store';

/**
 * A board's unacknowledged ops on this device, kept in IndexedDB so they survive a drop, a
 * reload or a closed tab. Keyed by board id only (not by key): ops drawn with a link that was
 * rotated meanwhile still go out when the recorder opens the new link.
 *
 * Every method resolves to whether the device really kept the change; a failure never throws,
 * so drawing goes on even when storage does not work. A lost connection (WebKit after the app
 * was suspended) is reopened and the step tried once more.
 */
export class OpQueue implements OpStore {
  readonly #boardId: string;
  readonly #db: () => Promise<OfflineDb | null>;

  constructor(boardId: string, db: () => Promise<OfflineDb | null> = offlineDb) {
    this.#boardId = boardId;
    this.#db = db;
  }

  /** The board's queued ops, oldest first. */
  async load(): Promise<Op[]> {
    try {
      const rows = await withOfflineDb(this.#db, (db) =>
        db.getAllFromIndex('queue', 'byBoard', this.#boardId),
      );
      return (rows ?? []).map((r) => r.op);
    } catch (err) {
      console.warn('[grareco] could not read the offline queue', err);
      return [];
    }
  }

  /** Keeps an op; an op id already queued (another tab, a replay) is kept once. */
  async add(op: Op): Promise<boolean> {
    try {
      const kept = await withOfflineDb(this.#db, async (db) => {
        const tx = db.transaction('queue', 'readwrite');
        const known = await tx.store.index('byOp').getKey(op.id);
        if (known === undefined) await tx.store.add({ boardId: this.#boardId, opId: op.id, op });
        await tx.done;
        return true;
      });
      return kept ?? false;
    } catch (err) {
      console.warn('[grareco] could not queue an op on this device', err);
      return false;
    }
  }

  /** Forgets an op the server has answered for good (committed, or refused). */
  async remove(opId: string): Promise<boolean> {
    try {
      const done = await withOfflineDb(this.#db, async (db) => {
        const tx = db.transaction('queue', 'readwrite');
        const key = await tx.store.index('byOp').getKey(opId);
        if (key !== undefined) await tx.store.delete(key);
        await tx.done;
        return true;
      });
      return done ?? false;
    } catch (err) {
      console.warn('[grareco] could not remove an op from the offline queue', err);
      return false;
    }
  }
}

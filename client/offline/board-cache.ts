import type { BoardMeta } from '../../shared/board';
import type { BoardObject } from '../../shared/objects/board-object';
import type { Role } from '../../shared/protocol';
import type { BoardState, CommittedEvent } from '../state/board-state.svelte';
import { boardObjectRange, offlineDb, withOfflineDb, type OfflineDb } from './offline-db';

/** The board as the server had it when this device last heard, for opening with no network. */
export interface CachedSnapshot {
  seq: number;
  meta: BoardMeta;
  role: Role;
  objects: BoardObject[];
}

/** Records written per transaction when a whole board is copied, so the page stays responsive. */
const CHUNK = 500;

async function sha256(text: string): Promise<string | null> {
  // crypto.subtle exists only in secure contexts (HTTPS, localhost), like service workers.
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A copy of one board in IndexedDB as the server has it: the last snapshot, then every
 * committed op as it arrives (each writes only its own records; a fresh snapshot rewrites
 * only the difference). This tab's unconfirmed ops are not in it: they wait in the op queue
 * and replay on top when the page opens from the copy, so a later refusal can take them back.
 * Records never change in place (ops add or remove whole records), so an id says everything.
 */
export class BoardCache {
  readonly #boardId: string;
  readonly #keyHash: Promise<string | null>;
  readonly #db: () => Promise<OfflineDb | null>;
  /** Writes run one after another, in seq order. */
  #chain: Promise<void> = Promise.resolve();
  #writing = 0;

  constructor(boardId: string, key: string, db: () => Promise<OfflineDb | null> = offlineDb) {
    this.#boardId = boardId;
    this.#keyHash = sha256(`${boardId}\n${key}`).catch(() => null);
    this.#db = db;
  }

  /** The last copy, when this device has one made with the same link. */
  async load(): Promise<CachedSnapshot | null> {
    const keyHash = await this.#keyHash;
    if (!keyHash) return null;
    try {
      return await withOfflineDb(this.#db, async (db) => {
        const tx = db.transaction(['boards', 'objects'], 'readonly');
        const record = await tx.objectStore('boards').get(this.#boardId);
        if (!record || record.keyHash !== keyHash) return null;
        const objects = await tx.objectStore('objects').getAll(boardObjectRange(this.#boardId));
        return { seq: record.seq, meta: record.meta, role: record.role, objects };
      });
    } catch (err) {
      console.warn('[grareco] could not read the board copy on this device', err);
      return null;
    }
  }

  /** Follows the board's committed side from now on; returns the unsubscribe. */
  follow(board: BoardState): () => void {
    const off = board.subscribeCommitted((event) => this.#enqueue(() => this.#write(board, event)));
    // The title or the lock may have changed without an op: note them when the page goes.
    const onHide = (): void => this.#enqueue(() => this.#write(board, null));
    window.addEventListener('pagehide', onHide);
    return () => {
      off();
      window.removeEventListener('pagehide', onHide);
    };
  }

  /** Writes queued or running; 0 when the copy has caught up with the page. */
  get writing(): number {
    return this.#writing;
  }

  #enqueue(task: () => Promise<void>): void {
    this.#writing++;
    this.#chain = this.#chain
      .then(task)
      .catch((err: unknown) => {
        console.warn('[grareco] could not update the board copy on this device', err);
      })
      .finally(() => {
        this.#writing--;
      });
  }

  /** Every write is idempotent (puts and deletes of whole records): a lost connection retries it. */
  async #write(board: BoardState, event: CommittedEvent | null): Promise<void> {
    const keyHash = await this.#keyHash;
    if (!keyHash) return;
    await withOfflineDb(this.#db, (db) => this.#writeTo(db, keyHash, board, event));
  }

  async #writeTo(
    db: OfflineDb,
    keyHash: string,
    board: BoardState,
    event: CommittedEvent | null,
  ): Promise<void> {
    const meta = board.meta;
    const role = board.role;
    if (!meta || !role) return;
    const at = (seq: number) => ({ boardId: this.#boardId, seq, meta, role, keyHash, savedAt: Date.now() });
    if (event?.kind === 'snapshot') {
      await this.#replaceAll(db, event.objects);
      await db.put('boards', at(event.seq));
      return;
    }
    const tx = db.transaction(['objects', 'boards'], 'readwrite');
    const boards = tx.objectStore('boards');
    const objects = tx.objectStore('objects');
    const requests: Promise<unknown>[] = [tx.done];
    if (event) {
      const op = event.committed.op;
      // Applied as the server did; an add of a present record or a remove of a missing one is harmless.
      if (op.kind === 'remove' || op.kind === 'replace') {
        for (const id of op.ids) requests.push(objects.delete([this.#boardId, id]));
      }
      if (op.kind === 'add' || op.kind === 'replace') {
        for (const o of op.objects) requests.push(objects.put(o, [this.#boardId, o.id]));
      }
      if (op.kind === 'patch') {
        for (const { id, set } of op.patches) {
          requests.push(
            objects.get([this.#boardId, id]).then((current) => {
              if (current) return objects.put({ ...current, ...set }, [this.#boardId, id]);
              return undefined;
            }),
          );
        }
      }
      requests.push(boards.put(at(event.committed.seq)));
    } else {
      const record = await boards.get(this.#boardId);
      if (record) requests.push(boards.put({ ...record, meta, savedAt: Date.now() }));
    }
    await Promise.all(requests);
  }

  /** Rewrites the board's records to match a snapshot, touching only what differs. */
  async #replaceAll(db: OfflineDb, objects: readonly BoardObject[]): Promise<void> {
    const stored = await db.getAllKeys('objects', boardObjectRange(this.#boardId));
    const wanted = new Map(objects.map((o) => [o.id, o]));
    const stale = stored.filter(([, id]) => !wanted.has(id));
    for (const [, id] of stored) wanted.delete(id);
    const fresh = [...wanted.values()];
    for (let i = 0; i < Math.max(stale.length, fresh.length); i += CHUNK) {
      const tx = db.transaction('objects', 'readwrite');
      await Promise.all([
        ...stale.slice(i, i + CHUNK).map((key) => tx.store.delete(key)),
        ...fresh.slice(i, i + CHUNK).map((o) => tx.store.put(o, [this.#boardId, o.id])),
        tx.done,
      ]);
    }
  }
}

import type { BoardStore } from '../store/store';

/**
 * Uploads no record uses are deleted once they are older than the grace period, long enough
 * for an upload to be placed (the image tool places it right after the upload answers). An
 * image any op of the log ever added stays for good: undo and the time-lapse replay bring back
 * removed ones.
 */
export const ASSET_SWEEP = {
  graceMs: 10 * 60 * 1000,
  intervalMs: 10 * 60 * 1000,
} as const;

/** Finds and deletes a board's unreferenced uploads. Call it in the board's turn. */
export class AssetSweep {
  readonly #store: BoardStore;
  readonly #now: () => number;
  readonly #graceMs: number;
  /** Assets found referenced: the log only grows, so they stay referenced and are not looked up again. */
  readonly #referenced = new Map<string, Set<string>>();

  constructor(opts: { store: BoardStore; now: () => number; graceMs?: number }) {
    this.#store = opts.store;
    this.#now = opts.now;
    this.#graceMs = opts.graceMs ?? ASSET_SWEEP.graceMs;
  }

  /** Deletes the board's uploads past the grace period that no op mentions; returns their ids. */
  async collect(boardId: string): Promise<string[]> {
    const cutoff = this.#now() - this.#graceMs;
    let known = this.#referenced.get(boardId);
    if (!known) {
      known = new Set();
      this.#referenced.set(boardId, known);
    }
    const seen = known;
    const old = (await this.#store.listAssets(boardId)).filter(
      (a) => a.createdAt <= cutoff && !seen.has(a.id),
    );
    if (old.length === 0) return [];
    const used = await this.#store.referencedAssets(
      boardId,
      old.map((a) => a.id),
    );
    for (const id of used) known.add(id);
    const unused = old.filter((a) => !known.has(a.id)).map((a) => a.id);
    await this.#store.deleteAssets(boardId, unused);
    return unused;
  }

  /** A board deleted: nothing of it is remembered. */
  forget(boardId: string): void {
    this.#referenced.delete(boardId);
  }
}

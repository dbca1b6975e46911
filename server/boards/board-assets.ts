import { createHash } from 'node:crypto';
import { REJECT } from '../../shared/reject-reasons';
import { fail, ok, type Result } from '../../shared/result';
import { inspectImage } from '../assets/inspect-image';
import type { BoardStore, StoredAsset } from '../store/store';
import { ASSET_SWEEP, AssetSweep } from './asset-sweep';
import { DEFAULT_BOARD_BUDGETS } from './board-budgets';
import type { BoardWriter } from './board-writer';

export interface AssetInfo {
  id: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
}

/** A board's images: checked by their content, kept once per content, within the board's quota. */
export class BoardAssets {
  readonly #store: BoardStore;
  readonly #writer: BoardWriter;
  readonly #now: () => number;
  readonly #quotaBytes: number;
  readonly #sweep: AssetSweep;

  constructor(opts: {
    store: BoardStore;
    writer: BoardWriter;
    now: () => number;
    quotaBytes?: number;
    graceMs?: number;
  }) {
    this.#store = opts.store;
    this.#writer = opts.writer;
    this.#now = opts.now;
    this.#quotaBytes = opts.quotaBytes ?? DEFAULT_BOARD_BUDGETS.assetBytes;
    this.#sweep = new AssetSweep({ store: opts.store, now: opts.now, graceMs: opts.graceMs });
  }

  /**
   * Checks an upload by its content and keeps it; the same bytes twice are one asset. Past the
   * board's quota, unreferenced old uploads are collected first; if it still does not fit, the
   * upload is refused with board_full (the board is full, not this image too large).
   */
  async add(boardId: string, bytes: Buffer): Promise<Result<AssetInfo>> {
    const board = await this.#writer.find(boardId);
    if (!board) return fail(REJECT.unknownBoard);
    if (board.meta.locked) return fail(REJECT.boardLocked);
    const info = inspectImage(bytes);
    if (!info.ok) return info;
    const id = createHash('sha256').update(bytes).digest('hex');
    // In the board's turn: two uploads at once cannot both take the last of the quota, and
    // the sweep sees the log as it stands.
    const kept = await this.#writer.inTurn(boardId, async (): Promise<Result<true>> => {
      const assets = await this.#store.listAssets(boardId);
      // The same bytes again: already checked and kept, nothing to write.
      if (assets.some((a) => a.id === id)) return ok(true);
      const used = async () =>
        (await this.#store.listAssets(boardId)).reduce((n, a) => n + a.size, 0) + bytes.length;
      let needed = assets.reduce((n, a) => n + a.size, 0) + bytes.length;
      if (needed > this.#quotaBytes) {
        await this.#sweep.collect(boardId);
        needed = await used();
      }
      if (needed > this.#quotaBytes) return fail(REJECT.boardFull);
      await this.#store.putAsset({ boardId, id, ...info.value, bytes, createdAt: this.#now() });
      return ok(true);
    });
    if (!kept) return fail(REJECT.unknownBoard);
    if (!kept.ok) return kept;
    return ok({ id, ...info.value, bytes: bytes.length });
  }

  get(boardId: string, id: string): Promise<StoredAsset | undefined> {
    return this.#store.getAsset(boardId, id);
  }

  /** Deletes the board's uploads no record uses, past the grace period; returns their ids. */
  async collect(boardId: string): Promise<string[]> {
    return (await this.#writer.inTurn(boardId, () => this.#sweep.collect(boardId))) ?? [];
  }

  /**
   * Collects every board's unused uploads every `intervalMs` (not waiting for the next upload
   * to need the room); returns the function that stops it.
   */
  startSweeping(onError: (err: unknown) => void, intervalMs: number = ASSET_SWEEP.intervalMs): () => void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      void (async () => {
        for (const board of await this.#store.listBoards()) await this.collect(board.meta.id);
      })()
        .catch(onError)
        .finally(() => {
          running = false;
        });
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

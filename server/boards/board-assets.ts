import { createHash } from 'node:crypto';
import { REJECT } from '../../shared/reject-reasons';
import { fail, ok, type Result } from '../../shared/result';
import { inspectImage } from '../assets/inspect-image';
import type { BoardStore, StoredAsset } from '../store/store';
import type { BoardWriter } from './board-writer';

export interface AssetInfo {
  id: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
}

/** A board's images: checked by their content, kept once per content. */
export class BoardAssets {
  readonly #store: BoardStore;
  readonly #writer: BoardWriter;
  readonly #now: () => number;

  constructor(opts: { store: BoardStore; writer: BoardWriter; now: () => number }) {
    this.#store = opts.store;
    this.#writer = opts.writer;
    this.#now = opts.now;
  }

  /** Checks an upload by its content and keeps it; the same bytes twice are one asset. */
  async add(boardId: string, bytes: Buffer): Promise<Result<AssetInfo>> {
    const board = await this.#writer.find(boardId);
    if (!board) return fail(REJECT.unknownBoard);
    if (board.meta.locked) return fail(REJECT.boardLocked);
    const info = inspectImage(bytes);
    if (!info.ok) return info;
    const id = createHash('sha256').update(bytes).digest('hex');
    await this.#store.putAsset({ boardId, id, ...info.value, bytes, createdAt: this.#now() });
    return ok({ id, ...info.value, bytes: bytes.length });
  }

  get(boardId: string, id: string): Promise<StoredAsset | undefined> {
    return this.#store.getAsset(boardId, id);
  }
}

import type { Op } from '../../shared/ops';
import {
  addImageOp,
  imageRecord,
  uploadImage,
  type ImageError,
  type UploadedAsset,
} from '../board/tools/image';

export interface ImageUploadContext {
  boardId: string;
  key: string;
  /** Images go straight to the server; with no connection they are refused, not queued. */
  online(): boolean;
  /** The board point in the middle of the recorder's view, and the board's size. */
  centre(): [number, number];
  board(): { width: number; height: number };
  /** Hands the add op to the board session (never the socket directly). */
  emit(op: Op): void;
}

/**
 * Upload (file picker or paste), then an `image` record for the stored asset. One at a time:
 * a second image while one is sending waits for the first.
 */
export class ImageUpload {
  busy = $state(false);
  error = $state<ImageError | null>(null);
  readonly #ctx: ImageUploadContext;
  #chain: Promise<void> = Promise.resolve();

  constructor(ctx: ImageUploadContext) {
    this.#ctx = ctx;
  }

  add(file: Blob): Promise<void> {
    this.#chain = this.#chain.then(() => this.#add(file));
    return this.#chain;
  }

  dismiss(): void {
    this.error = null;
  }

  async #add(file: Blob): Promise<void> {
    this.error = null;
    if (!this.#ctx.online()) {
      this.error = 'offline';
      return;
    }
    this.busy = true;
    try {
      const res = await uploadImage(this.#ctx.boardId, this.#ctx.key, file);
      if (!res.ok) {
        this.error = res.error;
        return;
      }
      this.#place(res.asset);
    } finally {
      this.busy = false;
    }
  }

  #place(asset: UploadedAsset): void {
    this.#ctx.emit(addImageOp(imageRecord(asset, this.#ctx.centre(), this.#ctx.board())));
  }
}

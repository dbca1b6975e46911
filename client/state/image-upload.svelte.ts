import type { Op } from '../../shared/ops';
import {
  addImageOp,
  decodedSize,
  imageRecord,
  precheck,
  uploadImage,
  type ImageError,
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

/** An image chosen (or pasted) and not placed yet: shown as a preview that follows the pen. */
export interface PendingImage {
  file: Blob;
  /** An object URL of the file, for the preview (revoked when placed or cancelled). */
  url: string;
  width: number;
  height: number;
}

/**
 * An image goes in two steps: chosen (file picker or paste), then placed where the recorder
 * taps. Until the tap nothing leaves the device (no upload, no op), so a wrong image or a
 * cancelled one never shows on the hall screen; the tap uploads it and adds the `image`
 * record centred there. One at a time: a second image while one is sending waits for it.
 */
export class ImageUpload {
  busy = $state(false);
  error = $state<ImageError | null>(null);
  pending = $state.raw<PendingImage | null>(null);
  readonly #ctx: ImageUploadContext;
  #chain: Promise<void> = Promise.resolve();

  constructor(ctx: ImageUploadContext) {
    this.#ctx = ctx;
  }

  /** Starts the placement step for a file (a new file replaces one not placed yet). */
  async choose(file: Blob): Promise<void> {
    this.error = precheck(file) ?? (this.#ctx.online() ? null : 'offline');
    if (this.error) return;
    const size = await decodedSize(file);
    if (!size) {
      this.error = 'unsupported';
      return;
    }
    this.cancel();
    this.pending = { file, url: URL.createObjectURL(file), ...size };
  }

  /** Where the placement preview starts: the middle of the view. */
  centre(): [number, number] {
    return this.#ctx.centre();
  }

  board(): { width: number; height: number } {
    return this.#ctx.board();
  }

  /** The tap: the pending image is uploaded and added, centred on this board point. */
  place(at: readonly [number, number]): Promise<void> {
    const chosen = this.pending;
    if (!chosen) return this.#chain;
    this.#release();
    const centre: [number, number] = [at[0], at[1]];
    this.#chain = this.#chain.then(() => this.#send(chosen.file, centre));
    return this.#chain;
  }

  /** Esc or the cancel button: nothing was sent, nothing is. */
  cancel(): void {
    this.#release();
  }

  dismiss(): void {
    this.error = null;
  }

  #release(): void {
    if (this.pending) URL.revokeObjectURL(this.pending.url);
    this.pending = null;
  }

  async #send(file: Blob, centre: [number, number]): Promise<void> {
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
      this.#ctx.emit(addImageOp(imageRecord(res.asset, centre, this.#ctx.board())));
    } finally {
      this.busy = false;
    }
  }
}

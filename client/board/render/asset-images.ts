/** Decoded board images by asset id, shared by every record that shows the same asset. */
interface Entry {
  image: HTMLImageElement;
  ready: boolean;
  failed: boolean;
  waiting: Set<() => void>;
}

/**
 * Loads each asset once (`/api/boards/<id>/assets/<assetId>?key=…`, served immutable) and tells
 * every record that waited for it when it has decoded. A failed load stays a placeholder.
 */
export class AssetImages {
  readonly #url: (assetId: string) => string | null;
  readonly #entries = new Map<string, Entry>();

  constructor(url: (assetId: string) => string | null) {
    this.#url = url;
  }

  /** The decoded image, or null while it loads (then `onReady` runs once it has). */
  get(assetId: string, onReady: () => void): HTMLImageElement | null {
    let entry = this.#entries.get(assetId);
    if (!entry) {
      const url = this.#url(assetId);
      if (url === null) return null;
      const image = new Image();
      const created: Entry = { image, ready: false, failed: false, waiting: new Set() };
      entry = created;
      image.decoding = 'async';
      image.onload = () => {
        created.ready = true;
        const waiting = [...created.waiting];
        created.waiting.clear();
        for (const fn of waiting) fn();
      };
      image.onerror = () => {
        created.failed = true;
        created.waiting.clear();
      };
      image.src = url;
      this.#entries.set(assetId, created);
    }
    if (entry.ready) return entry.image;
    if (!entry.failed) entry.waiting.add(onReady);
    return null;
  }

  /** Forgets a waiter (its record went away before the image came). */
  forget(onReady: () => void): void {
    for (const entry of this.#entries.values()) entry.waiting.delete(onReady);
  }

  clear(): void {
    for (const entry of this.#entries.values()) {
      entry.waiting.clear();
      entry.image.onload = null;
      entry.image.onerror = null;
    }
    this.#entries.clear();
  }
}

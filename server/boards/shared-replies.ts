/**
 * Replies kept for reuse at most: each is one board's answer to one `since` at one seq, with
 * its encoded bytes (at most READ_LIMITS.catchUpMaxBytes each once sent), so this bounds the
 * memory they hold. A hall of viewers coming back from the same drop asks for the same few
 * `since` values.
 */
export const SHARED_REPLIES_KEPT = 16;

/**
 * Identical requests share one answer: the first one for a key (board, request, seq) computes
 * it, every later or concurrent one gets the same promise, so the same object. A key whose seq
 * moved on is computed afresh; a failure is not kept.
 */
export class SharedReplies<T> {
  readonly #entries = new Map<string, Promise<T>>();
  readonly #kept: number;

  constructor(kept = SHARED_REPLIES_KEPT) {
    this.#kept = kept;
  }

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit) {
      // Most recently used last, so the oldest is the one dropped.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const made = compute();
    this.#entries.set(key, made);
    made.catch(() => {
      if (this.#entries.get(key) === made) this.#entries.delete(key);
    });
    while (this.#entries.size > this.#kept) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return made;
  }

  /** Drops every kept answer of a board (deleted, or reloaded whole). */
  forget(prefix: string): void {
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
  }
}

/**
 * How long a rate refusal is held, and how many one socket may have waiting: twice what an
 * honest page keeps unanswered (the outbox's 32 in flight, client/sync/send-pacer.ts).
 */
export const HELD_REFUSALS = { delayMs: 500, maxHeld: 64 } as const;

/**
 * A socket's refusals for being over its rate, answered after a pause instead of at once.
 * An honest page waits for the answer and retries later anyway (the outbox backs off on
 * rate_limited); a script that sends its next op the moment it is refused made the server
 * decode and refuse hundreds of large frames a second. Held, each refusal costs a timer,
 * and a socket that keeps sending past `maxHeld` waiting refusals gets a strike for each:
 * it is not waiting for anything.
 */
export class HeldRefusals {
  /** Each waiting refusal's timer and its answer. */
  readonly #held = new Map<NodeJS.Timeout, () => void>();
  readonly #onOver: () => void;
  readonly #limits: { delayMs: number; maxHeld: number };
  #flushed = false;

  constructor(onOver: () => void, limits: { delayMs: number; maxHeld: number } = HELD_REFUSALS) {
    this.#onOver = onOver;
    this.#limits = limits;
  }

  hold(answer: () => void): void {
    if (this.#flushed) return answer();
    if (this.#held.size >= this.#limits.maxHeld) {
      answer();
      this.#onOver();
      return;
    }
    const timer = setTimeout(() => {
      this.#held.delete(timer);
      answer();
    }, this.#limits.delayMs);
    this.#held.set(timer, answer);
  }

  /**
   * Answers every held refusal now, and any later one at once: the socket is about to be cut
   * (out of strikes), and every request gets its answer before the cut.
   */
  flush(): void {
    this.#flushed = true;
    const answers = [...this.#held.values()];
    this.clear();
    for (const answer of answers) answer();
  }

  /** The socket is gone: nobody is left to answer. */
  clear(): void {
    for (const timer of this.#held.keys()) clearTimeout(timer);
    this.#held.clear();
  }
}

/**
 * Keeps a backlog of ops (a recorder back from a long offline stretch) under the server's
 * per-socket op limit: server/socket/rate-limit.ts allows 40 ops a second with a burst of
 * 400. An op beyond it is refused and its followers could commit ahead of it, so the client
 * stays well inside: 30 a second, a burst of 300, at most 32 unanswered at once.
 */
export const PACE = { perSecond: 30, burst: 300, inFlight: 32 } as const;

/** A token bucket on the sending side; `reset` when a new socket gets the server's full bucket. */
export class SendPacer {
  #tokens: number = PACE.burst;
  #last = 0;
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
    this.#last = now();
  }

  reset(): void {
    this.#tokens = PACE.burst;
    this.#last = this.#now();
  }

  /** Spends a token; false when none is left. */
  take(): boolean {
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Milliseconds until the next token. */
  wait(): number {
    this.#refill();
    return this.#tokens >= 1 ? 0 : Math.ceil(((1 - this.#tokens) * 1000) / PACE.perSecond);
  }

  #refill(): void {
    const t = this.#now();
    this.#tokens = Math.min(PACE.burst, this.#tokens + ((t - this.#last) * PACE.perSecond) / 1000);
    this.#last = t;
  }
}

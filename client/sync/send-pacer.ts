import { WRITER_LIMITS } from '../../shared/limits';

/**
 * Keeps a backlog of ops (a recorder back from a long offline stretch) under the server's
 * per-socket op limit (WRITER_LIMITS). An op beyond it is refused and its followers could
 * commit ahead of it, so the client stays well inside: three quarters of the rate and burst,
 * at most 32 unanswered at once.
 */
export const PACE = {
  perSecond: (WRITER_LIMITS.ops.perSecond * 3) / 4,
  burst: (WRITER_LIMITS.ops.burst * 3) / 4,
  inFlight: 32,
} as const;

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

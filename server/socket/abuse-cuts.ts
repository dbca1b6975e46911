import { FailedHandshakes } from './failed-handshakes';

/**
 * limit cuts per address in windowMs mark it; a marked address's new connections wait holdMs
 * before their upgrade goes on, at most maxHeld of them at once (past that they are refused
 * and the page retries with backoff).
 */
export const ABUSE_CUTS = {
  limit: 3,
  windowMs: 10_000,
  maxAddresses: 10_000,
  holdMs: 1_000,
  maxHeld: 2_000,
} as const;

/**
 * Addresses whose sockets were cut for what no honest page sends: a frame past its bound, a
 * socket out of strikes. A script that reconnects the moment it is cut and does it again
 * cost the serving thread a full handshake each time, hundreds a second. Its address's next
 * connections are held a second before they go on: one cycle a second per connection it
 * keeps. Nobody is refused for an address (a hall shares one NAT address): an honest viewer
 * behind it joins a second later, and only while someone there misbehaves.
 */
export class AbuseCuts {
  readonly #cuts: FailedHandshakes;
  readonly #holdMs: number;
  readonly #maxHeld: number;
  #held = 0;

  constructor(limits: typeof ABUSE_CUTS = ABUSE_CUTS, now?: () => number) {
    this.#cuts = new FailedHandshakes(limits, now);
    this.#holdMs = limits.holdMs;
    this.#maxHeld = limits.maxHeld;
  }

  record(address: string): void {
    this.#cuts.record(address);
  }

  /** Calls `proceed(true)` now, or after the hold for a marked address; false when too many wait. */
  admit(address: string, proceed: (ok: boolean) => void): void {
    if (!this.#cuts.over(address)) return proceed(true);
    if (this.#held >= this.#maxHeld) return proceed(false);
    this.#held += 1;
    setTimeout(() => {
      this.#held -= 1;
      proceed(true);
    }, this.#holdMs);
  }

  /** Connections waiting now. */
  get held(): number {
    return this.#held;
  }
}

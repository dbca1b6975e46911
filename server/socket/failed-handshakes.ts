/**
 * Failed handshakes counted per client address. Only failures count, and only the client's
 * own (bad key, unknown board, old protocol): a whole hall behind one NAT address connects
 * 250+ viewers at once, and each of them succeeds, so a viewer is never limited by this.
 */
export const FAILED_HANDSHAKES = {
  /** Failures an address may have in one window before its handshakes are checked from memory only. */
  limit: 20,
  windowMs: 10_000,
  /** Addresses remembered at most: rotating addresses (IPv6) cannot grow the map without end. */
  maxAddresses: 10_000,
} as const;

export interface FailedHandshakeLimits {
  limit: number;
  windowMs: number;
  maxAddresses: number;
}

interface Window {
  start: number;
  count: number;
}

/** A fixed window per address: the limit lifts when the window that filled it has passed. */
export class FailedHandshakes {
  readonly #windows = new Map<string, Window>();
  readonly #limits: FailedHandshakeLimits;
  readonly #now: () => number;

  constructor(
    limits: FailedHandshakeLimits = FAILED_HANDSHAKES,
    now: () => number = () => performance.now(),
  ) {
    this.#limits = limits;
    this.#now = now;
  }

  /** True while `address` has used up its failures for the current window. */
  over(address: string): boolean {
    const w = this.#current(address);
    return w !== undefined && w.count >= this.#limits.limit;
  }

  record(address: string): void {
    const w = this.#current(address);
    if (w) {
      w.count++;
      return;
    }
    if (this.#windows.size >= this.#limits.maxAddresses) this.#sweep();
    this.#windows.set(address, { start: this.#now(), count: 1 });
  }

  #current(address: string): Window | undefined {
    const w = this.#windows.get(address);
    if (w && this.#now() - w.start >= this.#limits.windowMs) {
      this.#windows.delete(address);
      return undefined;
    }
    return w;
  }

  /** Drops the windows that have passed; when all are current, the oldest half. */
  #sweep(): void {
    const now = this.#now();
    for (const [address, w] of this.#windows)
      if (now - w.start >= this.#limits.windowMs) this.#windows.delete(address);
    if (this.#windows.size < this.#limits.maxAddresses) return;
    let drop = Math.ceil(this.#windows.size / 2);
    for (const address of this.#windows.keys()) {
      if (drop-- <= 0) break;
      this.#windows.delete(address);
    }
  }
}

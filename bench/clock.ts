/**
 * Wall-clock milliseconds with sub-millisecond resolution. Every process on the machine reads
 * the same system clock; the small offset between processes is measured by `clockOffset`.
 */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

export interface ClockSample {
  /** Parent time when the question left. */
  sent: number;
  /** Child time when it answered. */
  child: number;
  /** Parent time when the answer came back. */
  received: number;
}

/**
 * NTP-style estimate of (child clock - parent clock) from round trips: the sample with the
 * shortest round trip bounds the error best, to half of that round trip.
 */
export function clockOffset(samples: readonly ClockSample[]): number {
  let best: ClockSample | undefined;
  for (const s of samples) {
    if (!best || s.received - s.sent < best.received - best.sent) best = s;
  }
  if (!best) return 0;
  return best.child - (best.sent + best.received) / 2;
}

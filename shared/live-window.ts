/**
 * How long a recorder's live points may wait to be sent together, chosen from the audience
 * size. Every live batch is delivered to every viewer, so the server's work is batches per
 * second × viewers: a small audience gets each point as it comes (one batch per pointer
 * event), a large one gets points coalesced so that the deliveries stay within the budget.
 */
export const LIVE_WINDOW = {
  /** Deliveries a second the server is asked for (the live bench holds 1,000 viewers at 30 Hz). */
  deliveriesPerSecond: 40_000,
  /** At most 100 batches a second: below the server's live limit (120/s) at any pointer rate. */
  minMs: 10,
  /** Never slower than 20 batches a second: a line still grows smoothly on every screen. */
  maxMs: 50,
} as const;

/** The window for an audience of `viewers` (0 before presence is known: the smallest). */
export function liveWindowMs(viewers: number): number {
  const ms = (Math.max(0, viewers) * 1000) / LIVE_WINDOW.deliveriesPerSecond;
  return Math.round(Math.min(LIVE_WINDOW.maxMs, Math.max(LIVE_WINDOW.minMs, ms)));
}

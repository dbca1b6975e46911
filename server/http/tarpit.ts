import type { Response } from 'express';
import { REJECT } from '../../shared/reject-reasons';

/** How long a refusal is held, and how many may be held at once. */
export const TARPIT = { delayMs: 1_000, maxHeld: 512 } as const;

/**
 * Answers `429 rate_limited` (Retry-After: the delay) after the delay instead of at once. A client that loops on a refused
 * request without waiting got thousands of answers a second, each costing the serving thread a
 * parse, a key check and a reply; held for the Retry-After it was told, each connection costs
 * one answer a second and a timer. Past `maxHeld` waiting refusals the connection is dropped:
 * holding is bounded too.
 */
export function tarpit(opts: { delayMs: number; maxHeld: number } = TARPIT): (res: Response) => void {
  let held = 0;
  const retryAfter = String(Math.ceil(opts.delayMs / 1000));
  const answer = (res: Response) =>
    res.status(429).set('Retry-After', retryAfter).json({ error: REJECT.rateLimited });
  return (res) => {
    if (held >= opts.maxHeld) {
      res.socket?.destroy();
      return;
    }
    held += 1;
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      held -= 1;
      clearTimeout(timer);
    };
    const timer = setTimeout(() => {
      release();
      if (!res.writableEnded && !res.destroyed) answer(res);
    }, opts.delayMs);
    res.once('close', release);
  };
}

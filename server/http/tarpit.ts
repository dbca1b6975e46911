import type { Response } from 'express';

/** How long a refusal is held, and how many may be held at once. */
export const TARPIT = { delayMs: 1_000, maxHeld: 512 } as const;

/**
 * Answers refusals (429) after a delay instead of at once. A client that loops on a refused
 * request without waiting got thousands of answers a second, each costing the serving thread a
 * parse, a key check and a reply; held for the Retry-After it was told, each connection costs
 * one answer a second and a timer. Past `maxHeld` waiting refusals the connection is dropped:
 * holding is bounded too.
 */
export function tarpit(
  opts: { delayMs: number; maxHeld: number } = TARPIT,
): (res: Response, answer: () => void) => void {
  let held = 0;
  return (res, answer) => {
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
      if (!res.writableEnded && !res.destroyed) answer();
    }, opts.delayMs);
    res.once('close', release);
  };
}

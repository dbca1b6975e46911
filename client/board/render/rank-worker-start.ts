/**
 * Starts the outline-ranking worker (outline-ranks.ts). Its own small module so the page's
 * entry can start it at once: a worker starts only when the page's thread is free, and a
 * late viewer's thread is not free from the moment its board arrives until it is painted.
 */
let started: Worker | null | undefined;

/** The worker, started on the first call; null where workers are unavailable or failed. */
export function rankWorker(): Worker | null {
  if (started !== undefined) return started;
  started = null;
  if (typeof Worker === 'undefined') return null;
  try {
    const worker = new Worker(new URL('./outline-rank-worker.ts', import.meta.url), {
      type: 'module',
    });
    // Its script may fail to load before anyone listens: later callers get null, not a dud.
    worker.addEventListener('error', () => {
      worker.terminate();
      if (started === worker) started = null;
    });
    started = worker;
  } catch {
    started = null;
  }
  return started;
}

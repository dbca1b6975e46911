import type { LaserSink } from './tools/laser';

export type LaserPoint = [number, number];

/** About 30 batches a second (DESIGN: ephemeral traffic), under the server's 40/s cap. */
export const LASER_BATCH_MS = 33;
/** The server's per-batch cap (shared/ephemeral.ts). */
const MAX_POINTS = 120;

/**
 * Collects laser samples and sends them in batches; a lift sends what is left, then an empty
 * batch, which tells the viewers the trail has ended.
 */
export function createLaserBatcher(send: (points: LaserPoint[]) => void): LaserSink & { destroy(): void } {
  let waiting: LaserPoint[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let drawing = false;

  function flush(): void {
    timer = undefined;
    if (waiting.length === 0) return;
    // A slow frame may pile up samples: keep every n-th so the batch fits the cap.
    const stride = Math.ceil(waiting.length / MAX_POINTS);
    const last = waiting[waiting.length - 1];
    const points = waiting.filter((_, i) => i % stride === 0);
    if (stride > 1 && last && points[points.length - 1] !== last) points[points.length - 1] = last;
    waiting = [];
    send(points);
  }

  return {
    point(x, y) {
      drawing = true;
      waiting.push([Math.round(x), Math.round(y)]);
      timer ??= setTimeout(flush, LASER_BATCH_MS);
    },
    lift() {
      if (!drawing) return;
      drawing = false;
      clearTimeout(timer);
      flush();
      send([]);
    },
    destroy() {
      clearTimeout(timer);
      timer = undefined;
      waiting = [];
    },
  };
}

/**
 * The pixel memory every board canvas of this page holds, against one budget.
 *
 * An iPad keeps each 2D canvas's backing store (4 bytes a pixel) in the web content process;
 * WebKit on iOS refused new canvas contexts past a quarter of the device's memory (the
 * "Total canvas memory use exceeds the maximum limit" warning, 224 MB on a 1 GB device) until
 * 2023, and today's iPadOS ends the whole tab when the process outgrows its memory allowance.
 * A graphic recorder's tab must never be the one that reloads in front of the hall, so the
 * board's canvases stay within CANVAS_BUDGET_BYTES whatever the screen, zoom or dpr: the
 * main canvas, the laser overlay and the time-lapse export always get theirs; the cached
 * bitmaps (run-cache.ts) take a slot only while the total stays under the budget and are
 * otherwise drawn object by object, slower but the same pixels.
 */
export const CANVAS_BUDGET_BYTES = 224 * 1024 * 1024;

/** Older iOS refused any canvas over 4096² pixels; none of ours needs more. */
export const MAX_CANVAS_PIXELS = 4096 * 4096;

const BYTES_PER_PIXEL = 4;

/** Canvases are read when asked, not tracked on every resize: their sizes change freely. */
const tracked = new Set<HTMLCanvasElement>();

/** Counts `el` in the page's total until `untrackCanvas`. */
export function trackCanvas(el: HTMLCanvasElement): void {
  tracked.add(el);
}

export function untrackCanvas(el: HTMLCanvasElement): void {
  tracked.delete(el);
}

function bytesOf(el: HTMLCanvasElement): number {
  return el.width * el.height * BYTES_PER_PIXEL;
}

/** What the tracked canvases hold now. */
export function canvasBytes(): number {
  let sum = 0;
  for (const el of tracked) sum += bytesOf(el);
  return sum;
}

/**
 * Whether `el` may be sized `width`×`height` without the page passing the budget (its own
 * current size is given back first). Optional canvases ask; a refusal is theirs to handle.
 */
export function canvasFits(el: HTMLCanvasElement, width: number, height: number): boolean {
  const pixels = width * height;
  if (pixels > MAX_CANVAS_PIXELS) return false;
  const others = canvasBytes() - (tracked.has(el) ? bytesOf(el) : 0);
  return others + pixels * BYTES_PER_PIXEL <= CANVAS_BUDGET_BYTES;
}

import type { FabricObject } from 'fabric';

/**
 * Live-only frames drawn in part. While the pen moves, only the stroke in progress changes;
 * redrawing (and having the browser composite) the whole canvas for it costs time in
 * proportion to the canvas's pixels, four times as much on a retina screen. When a frame
 * changes nothing but live objects, the canvas clips it to where they were and are.
 */

/** A rectangle in canvas (device) pixels, edges included. */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Antialiasing reaches a pixel past a shape's bounds; keep a little more. */
const MARGIN_PX = 3;

export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Where the live objects (at these positions) are on the canvas, through `m` (retina scaling
 * times the viewport), or null when one of them has no bounds to trust.
 */
export function liveRects(
  objects: readonly FabricObject[],
  live: readonly number[],
  m: DOMMatrix,
): PixelRect[] | null {
  const rects: PixelRect[] = [];
  for (const at of live) {
    const o = objects[at];
    if (!o) return null;
    o.setCoords();
    const { tl, tr, bl, br } = o.aCoords;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const p of [tl, tr, bl, br]) {
      const x = m.a * p.x + m.c * p.y + m.e;
      const y = m.b * p.x + m.d * p.y + m.f;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
    if (![x0, y0, x1, y1].every(Number.isFinite)) return null;
    rects.push({
      x0: Math.floor(x0) - MARGIN_PX,
      y0: Math.floor(y0) - MARGIN_PX,
      x1: Math.ceil(x1) + MARGIN_PX,
      y1: Math.ceil(y1) + MARGIN_PX,
    });
  }
  return rects;
}

/** The smallest rectangle around all of them, within a canvas of this size; null if empty. */
export function around(rects: readonly PixelRect[], width: number, height: number): PixelRect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of rects) {
    x0 = Math.min(x0, r.x0);
    y0 = Math.min(y0, r.y0);
    x1 = Math.max(x1, r.x1);
    y1 = Math.max(y1, r.y1);
  }
  x0 = Math.max(0, x0);
  y0 = Math.max(0, y0);
  x1 = Math.min(width, x1);
  y1 = Math.min(height, y1);
  return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : null;
}

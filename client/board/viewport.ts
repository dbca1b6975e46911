import type { TMat2D } from 'fabric';

/** Pure pan/zoom maths on fabric's viewportTransform [zoom, 0, 0, zoom, panX, panY]. */
export interface Size {
  width: number;
  height: number;
}

export const ZOOM_LIMITS = { min: 0.02, max: 8 } as const;

/** Gap around a fitted board, in CSS pixels, so its edge stays visible. */
export const FIT_MARGIN = 16;

function clampZoom(z: number): number {
  return Math.min(ZOOM_LIMITS.max, Math.max(ZOOM_LIMITS.min, z));
}

/** Scales the whole board into the view and centres it (letterboxed on the long side). */
export function fitTransform(board: Size, view: Size, margin = FIT_MARGIN, reserveBottom = 0): TMat2D {
  // reserveBottom: a strip along the bottom kept clear (the recorder's floating view controls).
  const height = Math.max(1, view.height - reserveBottom);
  const availW = Math.max(1, view.width - 2 * margin);
  const availH = Math.max(1, height - 2 * margin);
  const z = clampZoom(Math.min(availW / board.width, availH / board.height));
  const tx = (view.width - board.width * z) / 2;
  const ty = (height - board.height * z) / 2;
  return [z, 0, 0, z, tx, ty];
}

/** Multiplies the zoom by factor keeping the screen point (x, y) fixed under the cursor. */
export function zoomAround(vt: TMat2D, x: number, y: number, factor: number): TMat2D {
  const z = vt[0];
  const next = clampZoom(z * factor);
  const k = next / z;
  return [next, 0, 0, next, x - (x - vt[4]) * k, y - (y - vt[5]) * k];
}

export function panBy(vt: TMat2D, dx: number, dy: number): TMat2D {
  return [vt[0], 0, 0, vt[3], vt[4] + dx, vt[5] + dy];
}

/** Screen (CSS pixels relative to the element) to board units. */
export function toBoard(vt: TMat2D, x: number, y: number): [number, number] {
  return [(x - vt[4]) / vt[0], (y - vt[5]) / vt[3]];
}

/** Wheel delta to a zoom factor; line and page deltas are normalised to pixels first. */
export function wheelFactor(deltaY: number, deltaMode: number): number {
  const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-Math.max(-300, Math.min(300, px)) * 0.0015);
}

/** 100 %: one board unit to one CSS pixel, keeping the board point under (x, y) in place. */
export function actualSizeTransform(vt: TMat2D, x: number, y: number): TMat2D {
  return zoomAround(vt, x, y, 1 / (vt[0] || 1));
}

import type { TMat2D } from 'fabric';
import { LIMITS } from '../../shared/limits';
import { ZOOM_LIMITS, type Size } from './viewport';

/** A rectangle of the board in board units: what a screen shows, or should show. */
export interface ViewRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The part of the board a screen of this size shows through the viewport transform. */
export function visibleRect(vt: TMat2D, size: Size): ViewRect {
  const z = vt[0] || 1;
  return { x: -vt[4] / z, y: -vt[5] / z, w: size.width / z, h: size.height / z };
}

/**
 * The transform that shows the whole rectangle on a screen of this size, centred, keeping its
 * aspect (the other side shows more of the board around it).
 */
export function rectTransform(rect: ViewRect, size: Size): TMat2D {
  const raw = Math.min(size.width / Math.max(1, rect.w), size.height / Math.max(1, rect.h));
  const z = Math.min(ZOOM_LIMITS.max, Math.max(ZOOM_LIMITS.min, raw));
  const cx = rect.x + rect.w / 2;
  const cy = rect.y + rect.h / 2;
  return [z, 0, 0, z, size.width / 2 - cx * z, size.height / 2 - cy * z];
}

/**
 * A view between two others at progress t (0..1): the zoom moves evenly in log space and the
 * board point at the screen's centre in a straight line, so a zoom-and-pan feels like one move.
 */
export function blendTransform(from: TMat2D, to: TMat2D, t: number, size: Size): TMat2D {
  const k = Math.min(1, Math.max(0, t));
  const z0 = from[0] || 1;
  const z1 = to[0] || 1;
  const z = Math.exp(Math.log(z0) + (Math.log(z1) - Math.log(z0)) * k);
  const half = { x: size.width / 2, y: size.height / 2 };
  const c0 = { x: (half.x - from[4]) / z0, y: (half.y - from[5]) / z0 };
  const c1 = { x: (half.x - to[4]) / z1, y: (half.y - to[5]) / z1 };
  const cx = c0.x + (c1.x - c0.x) * k;
  const cy = c0.y + (c1.y - c0.y) * k;
  return [z, 0, 0, z, half.x - cx * z, half.y - cy * z];
}

/** Cubic ease-out: quick to start, gentle to land. */
export function easeOut(t: number): number {
  const k = Math.min(1, Math.max(0, t));
  return 1 - (1 - k) ** 3;
}

const MAX_COORD = LIMITS.boardMaxSide + LIMITS.coordinateMargin;
const MAX_SIDE = LIMITS.boardMaxSide * 4;

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** Rounded and kept inside what the server accepts (shared/ephemeral.ts), so it is never refused. */
export function wireRect(rect: ViewRect): ViewRect {
  return {
    x: Math.round(clamp(rect.x, -LIMITS.coordinateMargin, MAX_COORD)),
    y: Math.round(clamp(rect.y, -LIMITS.coordinateMargin, MAX_COORD)),
    w: Math.round(clamp(rect.w, 10, MAX_SIDE)),
    h: Math.round(clamp(rect.h, 10, MAX_SIDE)),
  };
}

/** Nearly the same view: no need to send or animate. */
export function sameRect(a: ViewRect, b: ViewRect, tolerance = 0.5): boolean {
  return (
    Math.abs(a.x - b.x) <= tolerance &&
    Math.abs(a.y - b.y) <= tolerance &&
    Math.abs(a.w - b.w) <= tolerance &&
    Math.abs(a.h - b.h) <= tolerance
  );
}

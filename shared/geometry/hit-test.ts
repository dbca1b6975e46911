import type { Point } from '../objects/stroke';

/** Squared distance from p to the segment ab. */
export function distanceToSegmentSq(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
  const cx = ax + t * dx - px;
  const cy = ay + t * dy - py;
  return cx * cx + cy * cy;
}

/** Whether a circle of radius r at (x, y) touches the polyline of a stroke of the given width. */
export function polylineHit(
  points: readonly Point[],
  width: number,
  x: number,
  y: number,
  r: number,
): boolean {
  const reach = width / 2 + r;
  const reachSq = reach * reach;
  if (points.length === 1) {
    const p = points[0] as Point;
    return (p[0] - x) ** 2 + (p[1] - y) ** 2 <= reachSq;
  }
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    if (distanceToSegmentSq(x, y, a[0], a[1], b[0], b[1]) <= reachSq) return true;
  }
  return false;
}

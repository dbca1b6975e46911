import { distanceToSegmentSq } from '../../shared/geometry/hit-test';
import type { Point } from '../../shared/objects/stroke';

/** A point of the eraser's path, in the same coordinates as the stroke's points. */
export type Spot = readonly [number, number] | readonly [number, number, number];

/** Squared distance between segments ab and cd (0 when they cross). */
function segmentsDistanceSq(a: Spot, b: Spot, c: Spot, d: Spot): number {
  if (segmentsCross(a, b, c, d)) return 0;
  return Math.min(
    distanceToSegmentSq(a[0], a[1], c[0], c[1], d[0], d[1]),
    distanceToSegmentSq(b[0], b[1], c[0], c[1], d[0], d[1]),
    distanceToSegmentSq(c[0], c[1], a[0], a[1], b[0], b[1]),
    distanceToSegmentSq(d[0], d[1], a[0], a[1], b[0], b[1]),
  );
}

function cross(o: Spot, a: Spot, b: Spot): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function segmentsCross(a: Spot, b: Spot, c: Spot, d: Spot): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** The eraser's path as segments (a lone point is a segment of length 0). */
function segments(path: readonly Spot[]): [Spot, Spot][] {
  if (path.length === 1) return [[path[0] as Spot, path[0] as Spot]];
  const out: [Spot, Spot][] = [];
  for (let i = 1; i < path.length; i++) out.push([path[i - 1] as Spot, path[i] as Spot]);
  return out;
}

function near(p: Spot, path: readonly [Spot, Spot][], reachSq: number): boolean {
  for (const [a, b] of path)
    if (distanceToSegmentSq(p[0], p[1], a[0], a[1], b[0], b[1]) <= reachSq) return true;
  return false;
}

function roundPoint(x: number, y: number, pressure: number): Point {
  return [Math.round(x), Math.round(y), Math.round(pressure * 100) / 100];
}

/**
 * What is left of a stroke's polyline after the eraser's path went over it: every point within
 * `reach` of the path (the eraser's radius plus half the stroke's width, in the stroke's own
 * coordinates) goes, and the stroke splits there. Segments that the path crosses are first
 * subdivided, so a fast sweep between two far-apart points still cuts. Pieces of fewer than two
 * points are dropped. Null when the eraser took nothing (the stroke stays as it is).
 */
export function cutStroke(points: readonly Point[], path: readonly Spot[], reach: number): Point[][] | null {
  if (points.length === 0 || path.length === 0 || !(reach > 0)) return null;
  const segs = segments(path);
  const reachSq = reach * reach;
  const step = Math.max(1, reach / 2);
  // The stroke with extra points where the eraser passes close to a segment.
  const dense: Point[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as Point;
    dense.push(p);
    const q = points[i + 1];
    if (!q) break;
    const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
    if (len <= step) continue;
    if (!segs.some(([a, b]) => segmentsDistanceSq(p, q, a, b) <= reachSq)) continue;
    const n = Math.ceil(len / step);
    for (let k = 1; k < n; k++) {
      const t = k / n;
      const extra = roundPoint(p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t, p[2] + (q[2] - p[2]) * t);
      const last = dense[dense.length - 1] as Point;
      if (extra[0] !== last[0] || extra[1] !== last[1]) dense.push(extra);
    }
  }
  const pieces: Point[][] = [];
  let current: Point[] = [];
  let erased = false;
  for (const p of dense) {
    if (near(p, segs, reachSq)) {
      erased = true;
      if (current.length > 0) pieces.push(current);
      current = [];
    } else {
      current.push(p);
    }
  }
  if (current.length > 0) pieces.push(current);
  if (!erased) return null;
  return pieces.filter((piece) => piece.length >= 2);
}

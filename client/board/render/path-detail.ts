import type { Path, XY } from 'fabric';

/**
 * Level of detail for filled outlines seen small. A stroke outline from the shared geometry has
 * a curve every board unit or two; at the fitted view of a 3840-unit board on a laptop that is
 * several curves per screen pixel, and rasterising them is most of what a full redraw costs.
 * Seen that small, a polyline through the curves, simplified to a fraction of a pixel, covers
 * the same pixels.
 *
 * The simplification is progressive: Douglas–Peucker runs once per outline, to the end, and
 * records for every point the largest tolerance at which it would still be kept. A zoom step
 * then only filters points by that number; it never simplifies again.
 */

/** Curves are cut into pieces straying at most this far (path units) from them. */
const FLATTEN_TOLERANCE = 0.1;

/** One subpath of a simplified outline: x, y pairs, and whether it closes. */
export interface Polyline {
  xy: number[];
  closed: boolean;
}

interface Subpath {
  /** First and one-past-last point index. */
  start: number;
  end: number;
  closed: boolean;
}

/**
 * Appends points along a quadratic (one control point) or cubic (two) segment from the last
 * point, enough that the polyline strays less than FLATTEN_TOLERANCE from the curve: a curve
 * that strays d from its chord needs about sqrt(d / tolerance) pieces. Stroke outlines have
 * tiny curves (one piece each); a shape's ellipse or a stamp's arc gets what it needs.
 */
function flatten(xy: number[], c: readonly number[], cubic: boolean): void {
  const x0 = xy[xy.length - 2] ?? 0;
  const y0 = xy[xy.length - 1] ?? 0;
  const [ax = 0, ay = 0, bx = 0, by = 0, ex = 0, ey = 0] = c;
  const x1 = cubic ? ex : bx;
  const y1 = cubic ? ey : by;
  const mx = (x0 + x1) / 2;
  const my = (y0 + y1) / 2;
  // How far the control points sit from the chord's middle bounds how far the curve strays.
  let stray = Math.hypot(ax - mx, ay - my);
  if (cubic) stray = Math.max(stray, Math.hypot(bx - mx, by - my));
  const pieces =
    stray <= FLATTEN_TOLERANCE ? 1 : Math.min(64, Math.ceil(Math.sqrt(stray / FLATTEN_TOLERANCE)));
  for (let k = 1; k < pieces; k++) {
    const t = k / pieces;
    const u = 1 - t;
    if (cubic) {
      xy.push(u * u * u * x0 + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * x1);
      xy.push(u * u * u * y0 + 3 * u * u * t * ay + 3 * u * t * t * by + t * t * t * y1);
    } else {
      xy.push(u * u * x0 + 2 * u * t * ax + t * t * x1, u * u * y0 + 2 * u * t * ay + t * t * y1);
    }
  }
  xy.push(x1, y1);
}

/**
 * For the points start..end-1 of one subpath: the largest tolerance at which Douglas–Peucker
 * keeps each (Infinity for the two ends). A point is kept at tolerance t when its number is
 * greater than t, exactly as the classic algorithm run at t would keep it.
 */
function rank(xy: Float64Array, start: number, end: number, out: Float64Array): void {
  if (end - start < 1) return;
  out[start] = Infinity;
  out[end - 1] = Infinity;
  const stack: number[] = [start, end - 1, Infinity];
  while (stack.length > 0) {
    const bound = stack.pop() as number;
    const last = stack.pop() as number;
    const first = stack.pop() as number;
    const ax = xy[2 * first] as number;
    const ay = xy[2 * first + 1] as number;
    const dx = (xy[2 * last] as number) - ax;
    const dy = (xy[2 * last + 1] as number) - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD2 = 0;
    for (let i = first + 1; i < last; i++) {
      const px = (xy[2 * i] as number) - ax;
      const py = (xy[2 * i + 1] as number) - ay;
      // Distance to the segment (to its end point when the projection falls outside it).
      const t = len2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
      const qx = px - t * dx;
      const qy = py - t * dy;
      const d2 = qx * qx + qy * qy;
      if (d2 > worstD2) {
        worstD2 = d2;
        worst = i;
      }
    }
    if (worst < 0) continue;
    // A point never outranks the split that made its segment: the algorithm would stop there.
    const r = Math.min(Math.sqrt(worstD2), bound);
    out[worst] = r;
    stack.push(first, worst, r, worst, last, r);
  }
}

/** A path's outline as points ranked for simplification; built once, filtered per zoom level. */
export class RankedOutline {
  readonly #xy: Float64Array;
  readonly #rank: Float64Array;
  readonly #subpaths: Subpath[];

  constructor(path: Path['path'], offset: XY) {
    const xy: number[] = [];
    const subpaths: Subpath[] = [];
    let start = 0;
    const close = (closed: boolean): void => {
      const end = xy.length / 2;
      if (end - start > 1) subpaths.push({ start, end, closed });
      else xy.length = start * 2;
      start = xy.length / 2;
    };
    const ox = offset.x;
    const oy = offset.y;
    for (const c of path) {
      switch (c[0]) {
        case 'M':
          close(false);
          xy.push(c[1] - ox, c[2] - oy);
          break;
        case 'L':
          xy.push(c[1] - ox, c[2] - oy);
          break;
        case 'Q':
          flatten(xy, [c[1] - ox, c[2] - oy, c[3] - ox, c[4] - oy], false);
          break;
        case 'C':
          flatten(xy, [c[1] - ox, c[2] - oy, c[3] - ox, c[4] - oy, c[5] - ox, c[6] - oy], true);
          break;
        case 'Z': {
          const x = xy[start * 2];
          const y = xy[start * 2 + 1];
          close(true);
          // The pen is back at the subpath's start: a segment after Z continues from there.
          if (x !== undefined && y !== undefined) xy.push(x, y);
          break;
        }
      }
    }
    close(false);
    this.#xy = Float64Array.from(xy);
    this.#rank = new Float64Array(this.#xy.length / 2);
    this.#subpaths = subpaths;
    for (const s of subpaths) rank(this.#xy, s.start, s.end, this.#rank);
  }

  /** The outline simplified to `tolerance` (path units), subpath by subpath. */
  polylines(tolerance: number): Polyline[] {
    return this.#subpaths.map(({ start, end, closed }) => {
      const xy: number[] = [];
      for (let i = start; i < end; i++) {
        if ((this.#rank[i] as number) > tolerance)
          xy.push(this.#xy[2 * i] as number, this.#xy[2 * i + 1] as number);
      }
      return { xy, closed };
    });
  }

  /** `polylines(tolerance)` as a Path2D, ready to fill. */
  shape(tolerance: number): Path2D {
    const p = new Path2D();
    const xy = this.#xy;
    const ranks = this.#rank;
    for (const { start, end, closed } of this.#subpaths) {
      p.moveTo(xy[2 * start] as number, xy[2 * start + 1] as number);
      for (let i = start + 1; i < end; i++) {
        if ((ranks[i] as number) > tolerance) p.lineTo(xy[2 * i] as number, xy[2 * i + 1] as number);
      }
      if (closed) p.closePath();
    }
    return p;
  }
}

/** The path simplified to `tolerance` (path units), offset by -pathOffset as fabric draws it. */
export function simplifiedPolylines(path: Path['path'], offset: XY, tolerance: number): Polyline[] {
  return new RankedOutline(path, offset).polylines(tolerance);
}

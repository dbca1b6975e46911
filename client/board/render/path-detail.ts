import type { Path, XY } from 'fabric';

/**
 * Level of detail for filled outlines seen small. A stroke outline from the shared geometry has
 * a curve every board unit or two; at the fitted view of a 3840-unit board on a laptop that is
 * several curves per screen pixel, and rasterising them is most of what a full redraw costs.
 * Seen that small, a polyline through the curves' end points, simplified to a fraction of a
 * pixel, covers the same pixels.
 */

/** Indices of the points Douglas–Peucker keeps within `tolerance` (first and last always). */
function keep(xs: readonly number[], ys: readonly number[], tolerance: number): boolean[] {
  const n = xs.length;
  const kept = new Array<boolean>(n).fill(false);
  if (n === 0) return kept;
  kept[0] = true;
  kept[n - 1] = true;
  const tol2 = tolerance * tolerance;
  const stack: number[] = [0, n - 1];
  while (stack.length > 0) {
    const last = stack.pop() as number;
    const first = stack.pop() as number;
    const ax = xs[first] as number;
    const ay = ys[first] as number;
    const dx = (xs[last] as number) - ax;
    const dy = (ys[last] as number) - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD2 = tol2;
    for (let i = first + 1; i < last; i++) {
      const px = (xs[i] as number) - ax;
      const py = (ys[i] as number) - ay;
      // Distance to the segment (to its end point when the projection falls outside it).
      const t = len2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
      const ex = px - t * dx;
      const ey = py - t * dy;
      const d2 = ex * ex + ey * ey;
      if (d2 > worstD2) {
        worstD2 = d2;
        worst = i;
      }
    }
    if (worst > 0) {
      kept[worst] = true;
      stack.push(first, worst, worst, last);
    }
  }
  return kept;
}

/** One subpath of a simplified outline: x, y pairs, and whether it closes. */
export interface Polyline {
  xy: number[];
  closed: boolean;
}

function simplified(
  xs: readonly number[],
  ys: readonly number[],
  closed: boolean,
  tolerance: number,
): Polyline {
  const kept = keep(xs, ys, tolerance);
  const xy: number[] = [];
  for (let i = 0; i < xs.length; i++) if (kept[i]) xy.push(xs[i] as number, ys[i] as number);
  return { xy, closed };
}

/**
 * Points along a quadratic or cubic segment from (x0, y0), enough that the polyline strays
 * less than `tolerance` from the curve: a curve that strays d from its chord needs about
 * sqrt(d / tolerance) pieces. Stroke outlines have tiny curves (one piece each); a shape's
 * ellipse or a stamp's arc gets as many as it needs.
 */
function flatten(
  xs: number[],
  ys: number[],
  ctrl: readonly number[],
  end: readonly [number, number],
  tolerance: number,
): void {
  const x0 = xs[xs.length - 1] ?? end[0];
  const y0 = ys[ys.length - 1] ?? end[1];
  const [x1, y1] = end;
  let stray = 0;
  for (let i = 0; i + 1 < ctrl.length; i += 2) {
    // Distance of each control point from the chord's midpoint bounds how far the curve strays.
    stray = Math.max(
      stray,
      Math.hypot((ctrl[i] as number) - (x0 + x1) / 2, (ctrl[i + 1] as number) - (y0 + y1) / 2),
    );
  }
  const pieces = Math.min(64, Math.max(1, Math.ceil(Math.sqrt(stray / tolerance))));
  for (let k = 1; k < pieces; k++) {
    const t = k / pieces;
    const u = 1 - t;
    if (ctrl.length === 2) {
      const [cx, cy] = ctrl as [number, number];
      xs.push(u * u * x0 + 2 * u * t * cx + t * t * x1);
      ys.push(u * u * y0 + 2 * u * t * cy + t * t * y1);
    } else {
      const [ax, ay, bx, by] = ctrl as [number, number, number, number];
      xs.push(u * u * u * x0 + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * x1);
      ys.push(u * u * u * y0 + 3 * u * u * t * ay + 3 * u * t * t * by + t * t * t * y1);
    }
  }
  xs.push(x1);
  ys.push(y1);
}

/**
 * The path as simplified polylines, subpath by subpath (tolerance in path units), offset by
 * -pathOffset as fabric draws it.
 */
export function simplifiedPolylines(path: Path['path'], offset: XY, tolerance: number): Polyline[] {
  const out: Polyline[] = [];
  const ox = offset.x;
  const oy = offset.y;
  let xs: number[] = [];
  let ys: number[] = [];
  const flush = (closed: boolean): void => {
    if (xs.length > 0) out.push(simplified(xs, ys, closed, tolerance));
    // A closed subpath's pen returns to its start, where the next command continues.
    const restart = closed && xs.length > 0 ? ([xs[0], ys[0]] as [number, number]) : null;
    xs = restart ? [restart[0]] : [];
    ys = restart ? [restart[1]] : [];
  };
  for (const c of path) {
    switch (c[0]) {
      case 'M':
        if (xs.length > 1) flush(false);
        xs = [c[1] - ox];
        ys = [c[2] - oy];
        break;
      case 'L':
        xs.push(c[1] - ox);
        ys.push(c[2] - oy);
        break;
      case 'Q':
        flatten(xs, ys, [c[1] - ox, c[2] - oy], [c[3] - ox, c[4] - oy], tolerance);
        break;
      case 'C':
        flatten(xs, ys, [c[1] - ox, c[2] - oy, c[3] - ox, c[4] - oy], [c[5] - ox, c[6] - oy], tolerance);
        break;
      case 'Z':
        flush(true);
        break;
    }
  }
  if (xs.length > 1) flush(false);
  return out;
}

/** `simplifiedPolylines` as a Path2D, ready to fill. */
export function simplifiedOutline(path: Path['path'], offset: XY, tolerance: number): Path2D {
  const p = new Path2D();
  for (const { xy, closed } of simplifiedPolylines(path, offset, tolerance)) {
    for (let i = 0; i + 1 < xy.length; i += 2) {
      if (i === 0) p.moveTo(xy[0] as number, xy[1] as number);
      else p.lineTo(xy[i] as number, xy[i + 1] as number);
    }
    if (closed) p.closePath();
  }
  return p;
}

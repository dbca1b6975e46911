import type { Path, XY } from 'fabric';
import type { Vec2 } from '../../../shared/geometry/outline';

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

/** Scale ratio between detail levels (fast-paint.ts): a quarter octave. */
export const LEVEL_STEP = 2 ** 0.25;
/**
 * Simplification tolerance in screen pixels at the largest scale of a level (up to LEVEL_STEP
 * times this, 0.48 px, at its smallest). Anti-aliasing hides less than half a pixel.
 */
export const TOLERANCE_PX = 0.4;
/** The smallest tolerance a board outline is drawn at (level 1): finer ranks are never read. */
export const RANK_FLOOR = TOLERANCE_PX * LEVEL_STEP;

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

/** x, y pairs in a growing Float64Array: an outline's tens of points would otherwise be boxed. */
class XYBuffer {
  xy = new Float64Array(64);
  length = 0;

  push(x: number, y: number): void {
    if (this.length + 2 > this.xy.length) {
      const grown = new Float64Array(this.xy.length * 2);
      grown.set(this.xy);
      this.xy = grown;
    }
    this.xy[this.length] = x;
    this.xy[this.length + 1] = y;
    this.length += 2;
  }
}

/**
 * Appends points along a quadratic (control a, end b) or cubic (controls a, b, end e) segment
 * from the last point, enough that the polyline strays less than FLATTEN_TOLERANCE from the
 * curve: a curve that strays d from its chord needs about sqrt(d / tolerance) pieces. Stroke
 * outlines have tiny curves (one piece each); a shape's ellipse or a stamp's arc gets what it
 * needs. Numbers, not an array of them: one allocation per curve was a third of the garbage
 * of a late join's first paint.
 */
function flatten(
  buf: XYBuffer,
  cubic: boolean,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  ex = 0,
  ey = 0,
): void {
  const x0 = buf.xy[buf.length - 2] ?? 0;
  const y0 = buf.xy[buf.length - 1] ?? 0;
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
      buf.push(
        u * u * u * x0 + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * x1,
        u * u * u * y0 + 3 * u * u * t * ay + 3 * u * t * t * by + t * t * t * y1,
      );
    } else {
      buf.push(u * u * x0 + 2 * u * t * ax + t * t * x1, u * u * y0 + 2 * u * t * ay + t * t * y1);
    }
  }
  buf.push(x1, y1);
}

/**
 * For the points start..end-1 of one subpath: the largest tolerance at which Douglas–Peucker
 * keeps each (Infinity for the two ends). A point is kept at tolerance t when its number is
 * greater than t, exactly as the classic algorithm run at t would keep it. Segments whose
 * farthest point is within `floor` are not split further: their points stay 0, dropped at
 * every tolerance from `floor` up, as the classic algorithm would drop them. The deepest
 * splits, of a dense outline into its neighbouring points, are most of the work.
 */
function rankSubpath(xy: Float64Array, start: number, end: number, out: Float64Array, floor: number): void {
  if (end - start < 1) return;
  out[start] = Infinity;
  out[end - 1] = Infinity;
  const stack: number[] = [start, end - 1, Infinity];
  const floor2 = floor * floor;
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
    if (worst < 0 || worstD2 <= floor2) continue;
    // A point never outranks the split that made its segment: the algorithm would stop there.
    const r = Math.min(Math.sqrt(worstD2), bound);
    out[worst] = r;
    stack.push(first, worst, r, worst, last, r);
  }
}

/** Path commands flattened into subpaths of points, drawn around the path's offset. */
class OutlineBuilder {
  readonly #buf = new XYBuffer();
  readonly #subpaths: number[] = [];
  #start = 0;
  readonly #ox: number;
  readonly #oy: number;

  constructor(offset: XY) {
    this.#ox = offset.x;
    this.#oy = offset.y;
  }

  #end(closed: boolean): void {
    const buf = this.#buf;
    const end = buf.length / 2;
    if (end - this.#start > 1) this.#subpaths.push(this.#start, end, closed ? 1 : 0);
    else buf.length = this.#start * 2;
    this.#start = buf.length / 2;
  }

  move(x: number, y: number): void {
    this.#end(false);
    this.#buf.push(x - this.#ox, y - this.#oy);
  }

  line(x: number, y: number): void {
    this.#buf.push(x - this.#ox, y - this.#oy);
  }

  quad(ax: number, ay: number, x: number, y: number): void {
    const ox = this.#ox;
    const oy = this.#oy;
    flatten(this.#buf, false, ax - ox, ay - oy, x - ox, y - oy);
  }

  cubic(ax: number, ay: number, bx: number, by: number, x: number, y: number): void {
    const ox = this.#ox;
    const oy = this.#oy;
    flatten(this.#buf, true, ax - ox, ay - oy, bx - ox, by - oy, x - ox, y - oy);
  }

  close(): void {
    const buf = this.#buf;
    const start = this.#start;
    const x = buf.xy[start * 2];
    const y = buf.xy[start * 2 + 1];
    const open = buf.length > start * 2;
    this.#end(true);
    // The pen is back at the subpath's start: a segment after Z continues from there.
    if (open && x !== undefined && y !== undefined) buf.push(x, y);
  }

  ranked(floor: number): RankedParts {
    this.#end(false);
    const xy = this.#buf.xy.slice(0, this.#buf.length);
    const rank = new Float64Array(xy.length / 2);
    const subpaths = Int32Array.from(this.#subpaths);
    for (let i = 0; i + 2 < subpaths.length; i += 3) {
      rankSubpath(xy, subpaths[i] as number, subpaths[i + 1] as number, rank, floor);
    }
    return { xy, rank, subpaths };
  }
}

/**
 * A ranked outline's numbers, to hand between threads (outline-ranks.ts): the points, their
 * ranks, and per subpath its first point, one past its last and 1 when it closes.
 */
export interface RankedParts {
  xy: Float64Array;
  rank: Float64Array;
  subpaths: Int32Array;
}

/** A path's outline as points ranked for simplification; built once, filtered per zoom level. */
export class RankedOutline {
  #xy: Float64Array;
  #rank: Float64Array;
  #subpaths: Subpath[];

  /** An outline ranked elsewhere (another thread), from its `parts()`. */
  static fromParts(parts: RankedParts): RankedOutline {
    return new RankedOutline(parts, { x: 0, y: 0 });
  }

  /**
   * The outline of a stroke straight from its points, as `new RankedOutline(outlineCommands(
   * outline), offset, floor)` would rank it, number for number, without the commands: a late
   * viewer's paths need none until they are seen at full size (outline-path.ts).
   */
  static fromOutline(outline: readonly Vec2[], offset: XY, floor = 0): RankedOutline {
    const b = new OutlineBuilder(offset);
    const n = outline.length;
    if (n > 0) {
      const first = outline[0] as Vec2;
      b.move(first[0], first[1]);
      if (n < 3) {
        const last = outline[n - 1] as Vec2;
        b.line(last[0], last[1]);
      } else {
        for (let i = 0; i < n; i++) {
          const a = outline[i] as Vec2;
          const c = outline[(i + 1) % n] as Vec2;
          b.quad(a[0], a[1], (a[0] + c[0]) / 2, (a[1] + c[1]) / 2);
        }
      }
      b.close();
    }
    return new RankedOutline(b.ranked(floor), offset);
  }

  /**
   * `floor`: the smallest tolerance this outline will be asked for; below it the ranks are not
   * worked out (see `rankSubpath`), so `polylines` and `shape` are exact only from `floor` up.
   * Given parts (ranked already), it takes them as they are.
   */
  constructor(path: Path['path'] | RankedParts, offset: XY, floor = 0) {
    if (!Array.isArray(path)) {
      this.#xy = path.xy;
      this.#rank = path.rank;
      this.#subpaths = [];
      this.#adopt(path);
      return;
    }
    const b = new OutlineBuilder(offset);
    for (const c of path) {
      switch (c[0]) {
        case 'M':
          b.move(c[1], c[2]);
          break;
        case 'L':
          b.line(c[1], c[2]);
          break;
        case 'Q':
          b.quad(c[1], c[2], c[3], c[4]);
          break;
        case 'C':
          b.cubic(c[1], c[2], c[3], c[4], c[5], c[6]);
          break;
        case 'Z':
          b.close();
          break;
      }
    }
    const { xy, rank, subpaths } = b.ranked(floor);
    this.#xy = xy;
    this.#rank = rank;
    this.#subpaths = [];
    this.#adopt({ xy, rank, subpaths });
  }

  parts(): RankedParts {
    const subpaths = new Int32Array(this.#subpaths.length * 3);
    this.#subpaths.forEach((sp, i) => {
      subpaths[3 * i] = sp.start;
      subpaths[3 * i + 1] = sp.end;
      subpaths[3 * i + 2] = sp.closed ? 1 : 0;
    });
    return { xy: this.#xy, rank: this.#rank, subpaths };
  }

  #adopt({ xy, rank, subpaths }: RankedParts): void {
    this.#xy = xy;
    this.#rank = rank;
    this.#subpaths = [];
    for (let i = 0; i + 2 < subpaths.length; i += 3) {
      this.#subpaths.push({
        start: subpaths[i] as number,
        end: subpaths[i + 1] as number,
        closed: subpaths[i + 2] === 1,
      });
    }
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

import { Path, type FabricObject, type TMat2D } from 'fabric';
import { OutlinePath, shapeSource } from './outline-path';
import { rankedElsewhere } from './outline-ranks';
import { LEVEL_STEP, RANK_FLOOR, RankedOutline, TOLERANCE_PX } from './path-detail';

/** A path's drawings, built once: fabric would issue every curve command again each frame. */
interface Drawn {
  /** fabric's parsed commands they were built from (a reshaped path gets a new array). */
  source: object;
  exact: Path2D | null;
  ranked: RankedOutline | null;
  /** Simplified shapes by detail level (see detailFor), oldest first. */
  levels: Map<number, Path2D>;
  /** The object's placement when `matrix` and `box` were taken (see `placed`). */
  placedAt: unknown[];
  matrix: TMat2D;
  /** Bounds of its corners on the board: minX, minY, maxX, maxY. */
  box: [number, number, number, number];
}

const drawn = new WeakMap<Path, Drawn>();

/** Simplified shapes kept per path: zooming in and out within this many levels builds nothing. */
const LEVELS_KEPT = 4;

/** Below this many screen pixels per path unit, outlines are drawn as simplified polylines. */
const FULL_DETAIL_SCALE = 1;

/**
 * Whether a path is the plain kind this painter draws exactly as fabric would: a solid fill
 * and an optional solid stroke, no effects. Everything else is left to fabric's own render.
 */
function plainPath(o: FabricObject): o is Path {
  return (
    o instanceof Path &&
    !o.group &&
    !o.clipPath &&
    !o.shadow &&
    !o.backgroundColor &&
    !o.strokeUniform &&
    o.paintFirst !== 'stroke' &&
    o.globalCompositeOperation === 'source-over' &&
    (o.fill === null || typeof o.fill === 'string') &&
    (o.stroke === null || typeof o.stroke === 'string') &&
    !(o.strokeDashArray && o.strokeDashArray.length > 0)
  );
}

/**
 * Detail level for a scale: 0 at full size and above, else k when the scale is at least
 * LEVEL_STEP^-k, so a zoom step mostly reuses the outlines of the level it stays in.
 */
function detailFor(scale: number, filledOnly: boolean): number {
  if (!filledOnly || !(scale > 0) || scale >= FULL_DETAIL_SCALE) return 0;
  return Math.min(40, Math.ceil(4 * Math.log2(FULL_DETAIL_SCALE / scale)));
}

function exactShape(o: Path): Path2D {
  const p = new Path2D();
  const l = -o.pathOffset.x;
  const t = -o.pathOffset.y;
  // The same commands, offsets and order as fabric's Path._renderPathCommands.
  for (const c of o.path) {
    switch (c[0]) {
      case 'L':
        p.lineTo(c[1] + l, c[2] + t);
        break;
      case 'M':
        p.moveTo(c[1] + l, c[2] + t);
        break;
      case 'C':
        p.bezierCurveTo(c[1] + l, c[2] + t, c[3] + l, c[4] + t, c[5] + l, c[6] + t);
        break;
      case 'Q':
        p.quadraticCurveTo(c[1] + l, c[2] + t, c[3] + l, c[4] + t);
        break;
      case 'Z':
        p.closePath();
        break;
    }
  }
  return p;
}

function entryOf(o: Path): Drawn {
  let d = drawn.get(o);
  const source = shapeSource(o);
  if (!d || d.source !== source) {
    d = {
      source,
      exact: null,
      ranked: null,
      levels: new Map(),
      placedAt: [],
      matrix: [1, 0, 0, 1, 0, 0],
      box: [0, 0, 0, 0],
    };
    drawn.set(o, d);
  }
  return d;
}

function rankHere(o: Path): RankedOutline {
  const outline = o instanceof OutlinePath ? o.outline() : null;
  return outline
    ? RankedOutline.fromOutline(outline, o.pathOffset, RANK_FLOOR)
    : new RankedOutline(o.path, o.pathOffset, RANK_FLOOR);
}

function shapeOf(o: Path, d: Drawn, detail: number): Path2D {
  if (detail === 0) return (d.exact ??= exactShape(o));
  const kept = d.levels.get(detail);
  if (kept) return kept;
  d.ranked ??= rankedElsewhere(o) ?? rankHere(o);
  const shape = d.ranked.shape(TOLERANCE_PX * LEVEL_STEP ** detail);
  d.levels.set(detail, shape);
  if (d.levels.size > LEVELS_KEPT) d.levels.delete(d.levels.keys().next().value as number);
  return shape;
}

/**
 * The object's matrix and board bounds, taken again only when it was placed differently.
 * fabric's own calcTransformMatrix builds and compares a key array on every call, which on a
 * full redraw of 5,000 strokes costs several milliseconds.
 */
function placed(o: Path, d: Drawn): void {
  const at = d.placedAt;
  if (
    at.length > 0 &&
    at[0] === o.left &&
    at[1] === o.top &&
    at[2] === o.scaleX &&
    at[3] === o.scaleY &&
    at[4] === o.angle &&
    at[5] === o.skewX &&
    at[6] === o.skewY &&
    at[7] === o.flipX &&
    at[8] === o.flipY &&
    at[9] === o.originX &&
    at[10] === o.originY &&
    at[11] === o.width &&
    at[12] === o.height &&
    at[13] === o.strokeWidth
  ) {
    return;
  }
  d.placedAt = [
    o.left,
    o.top,
    o.scaleX,
    o.scaleY,
    o.angle,
    o.skewX,
    o.skewY,
    o.flipX,
    o.flipY,
    o.originX,
    o.originY,
    o.width,
    o.height,
    o.strokeWidth,
  ];
  d.matrix = o.calcTransformMatrix();
  const a = o.aCoords;
  d.box = [
    Math.min(a.tl.x, a.tr.x, a.bl.x, a.br.x),
    Math.min(a.tl.y, a.tr.y, a.bl.y, a.br.y),
    Math.max(a.tl.x, a.tr.x, a.bl.x, a.br.x),
    Math.max(a.tl.y, a.tr.y, a.bl.y, a.br.y),
  ];
}

/** Whether the object's bounds miss the visible part of the board. */
function offscreen(o: FabricObject, box: readonly [number, number, number, number]): boolean {
  const canvas = o.canvas;
  if (!canvas?.skipOffscreen) return false;
  const { tl, br } = canvas.vptCoords;
  return box[2] < tl.x || box[0] > br.x || box[3] < tl.y || box[1] > br.y;
}

/**
 * Paints static objects onto a context whose transform is retina scaling times the viewport.
 * Plain paths — every stroke, most of a board — are drawn from a Path2D built once, and at
 * small scales from a simplified outline, with one setTransform each and styles set only when
 * they change; anything else goes through fabric's own render. Use one painter per pass and
 * call `finish` after it.
 */
export class StaticPainter {
  readonly #ctx: CanvasRenderingContext2D;
  readonly #b: readonly [number, number, number, number, number, number];
  readonly #det: number;
  /** Whether the context's transform and alpha are still the base ones. */
  #atBase = true;
  #fill: string | null = null;

  constructor(ctx: CanvasRenderingContext2D) {
    this.#ctx = ctx;
    const m = ctx.getTransform();
    this.#b = [m.a, m.b, m.c, m.d, m.e, m.f];
    this.#det = Math.abs(m.a * m.d - m.b * m.c);
  }

  paint(o: FabricObject): void {
    const ctx = this.#ctx;
    if (!plainPath(o)) {
      this.#toBase();
      o.render(ctx);
      return;
    }
    if (o.isNotVisible()) return;
    const d = entryOf(o);
    placed(o, d);
    if (offscreen(o, d.box)) return;
    const m = d.matrix;
    const filledOnly = !o.stroke || o.strokeWidth === 0;
    const scale = Math.sqrt(this.#det * Math.abs(m[0] * m[3] - m[1] * m[2]));
    const shape = shapeOf(o, d, detailFor(scale, filledOnly));
    const [b0, b1, b2, b3, b4, b5] = this.#b;
    ctx.setTransform(
      b0 * m[0] + b2 * m[1],
      b1 * m[0] + b3 * m[1],
      b0 * m[2] + b2 * m[3],
      b1 * m[2] + b3 * m[3],
      b0 * m[4] + b2 * m[5] + b4,
      b1 * m[4] + b3 * m[5] + b5,
    );
    ctx.globalAlpha = o.opacity;
    this.#atBase = false;
    if (o.fill) {
      if (this.#fill !== o.fill) ctx.fillStyle = this.#fill = o.fill as string;
      ctx.fill(shape, o.fillRule === 'evenodd' ? 'evenodd' : 'nonzero');
    }
    if (!filledOnly && o.stroke) {
      ctx.lineWidth = o.strokeWidth;
      ctx.lineCap = o.strokeLineCap;
      ctx.lineJoin = o.strokeLineJoin;
      ctx.miterLimit = o.strokeMiterLimit;
      ctx.lineDashOffset = o.strokeDashOffset;
      ctx.strokeStyle = o.stroke as string;
      ctx.stroke(shape);
    }
  }

  /** Leaves the context as it was given: base transform, full alpha. */
  finish(): void {
    this.#toBase();
  }

  #toBase(): void {
    if (this.#atBase) return;
    this.#ctx.setTransform(...this.#b);
    this.#ctx.globalAlpha = 1;
    this.#atBase = true;
  }
}

import { Path, type FabricObject } from 'fabric';
import { simplifiedOutline } from './path-detail';

/** A path's drawing, built once: fabric would issue every curve command again each frame. */
interface Drawn {
  /** fabric's parsed commands it was built from (a reshaped path gets a new array). */
  source: Path['path'];
  /** 0: the exact curves; k > 0: a polyline good to screen scales down to √2^-k. */
  detail: number;
  shape: Path2D;
}

const drawn = new WeakMap<Path, Drawn>();

/** Below this many screen pixels per path unit, outlines are drawn as simplified polylines. */
const FULL_DETAIL_SCALE = 1;
/** Simplification tolerance in screen pixels (up to √2 times this between detail levels). */
const TOLERANCE_PX = 0.3;

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
 * Detail level for a scale: 0 at full size and above, else k when the scale is at least √2^-k,
 * so a zoom step reuses the outlines of the level it stays in.
 */
function detailFor(scale: number, filledOnly: boolean): number {
  if (!filledOnly || !(scale > 0) || scale >= FULL_DETAIL_SCALE) return 0;
  return Math.min(16, Math.ceil(2 * Math.log2(FULL_DETAIL_SCALE / scale)));
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

function shapeOf(o: Path, detail: number): Path2D {
  const cached = drawn.get(o);
  if (cached && cached.source === o.path && cached.detail === detail) return cached.shape;
  const tolerance = TOLERANCE_PX * Math.SQRT2 ** detail;
  const shape = detail === 0 ? exactShape(o) : simplifiedOutline(o.path, o.pathOffset, tolerance);
  drawn.set(o, { source: o.path, detail, shape });
  return shape;
}

/** Whether the object's corners (board units) miss the visible part of the board. */
function offscreen(o: FabricObject): boolean {
  const canvas = o.canvas;
  if (!canvas?.skipOffscreen) return false;
  const { tl, br } = canvas.vptCoords;
  const a = o.aCoords;
  const minX = Math.min(a.tl.x, a.tr.x, a.bl.x, a.br.x);
  const maxX = Math.max(a.tl.x, a.tr.x, a.bl.x, a.br.x);
  const minY = Math.min(a.tl.y, a.tr.y, a.bl.y, a.br.y);
  const maxY = Math.max(a.tl.y, a.tr.y, a.bl.y, a.br.y);
  return maxX < tl.x || minX > br.x || maxY < tl.y || minY > br.y;
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
    if (o.isNotVisible() || offscreen(o)) return;
    const m = o.calcTransformMatrix();
    const filledOnly = !o.stroke || o.strokeWidth === 0;
    const scale = Math.sqrt(this.#det * Math.abs(m[0] * m[3] - m[1] * m[2]));
    const shape = shapeOf(o, detailFor(scale, filledOnly));
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

import type { FabricObject } from 'fabric';
import { canvasFits, trackCanvas, untrackCanvas } from './canvas-budget';
import { StaticPainter } from './fast-paint';

/** Numbers and strings of an object's print (see `samePrint`). */
const NUMS = 12;
const STRS = 5;

/**
 * What can change on a board object without the object being replaced: where it is (a
 * select move re-places it), whether it shows (the text editor hides one, the grid toggles)
 * and how strongly (the eraser dims what it will take). Records change anything else by
 * being drawn again as new objects, which the cache sees as a different object. Written out
 * property by property: a loop over property names costs milliseconds on 5,000 objects.
 */
function writePrint(o: FabricObject, nums: Float64Array, strs: unknown[], i: number): void {
  const n = i * NUMS;
  nums[n] = o.left;
  nums[n + 1] = o.top;
  nums[n + 2] = o.scaleX;
  nums[n + 3] = o.scaleY;
  nums[n + 4] = o.angle;
  nums[n + 5] = o.skewX;
  nums[n + 6] = o.skewY;
  nums[n + 7] = o.opacity;
  nums[n + 8] = o.width;
  nums[n + 9] = o.height;
  nums[n + 10] = o.strokeWidth;
  nums[n + 11] = (o.visible ? 1 : 0) | (o.flipX ? 2 : 0) | (o.flipY ? 4 : 0);
  const s = i * STRS;
  strs[s] = o.fill;
  strs[s + 1] = o.stroke;
  strs[s + 2] = o.originX;
  strs[s + 3] = o.originY;
  strs[s + 4] = o.globalCompositeOperation;
}

function samePrint(o: FabricObject, nums: Float64Array, strs: readonly unknown[], i: number): boolean {
  const n = i * NUMS;
  const s = i * STRS;
  return (
    nums[n] === o.left &&
    nums[n + 1] === o.top &&
    nums[n + 2] === o.scaleX &&
    nums[n + 3] === o.scaleY &&
    nums[n + 4] === o.angle &&
    nums[n + 5] === o.skewX &&
    nums[n + 6] === o.skewY &&
    nums[n + 7] === o.opacity &&
    nums[n + 8] === o.width &&
    nums[n + 9] === o.height &&
    nums[n + 10] === o.strokeWidth &&
    nums[n + 11] === ((o.visible ? 1 : 0) | (o.flipX ? 2 : 0) | (o.flipY ? 4 : 0)) &&
    strs[s] === o.fill &&
    strs[s + 1] === o.stroke &&
    strs[s + 2] === o.originX &&
    strs[s + 3] === o.originY &&
    strs[s + 4] === o.globalCompositeOperation
  );
}

/**
 * How a run was drawn this frame: from the bitmap, the bitmap plus new objects, anew, or
 * object by object onto the target because the canvas budget had no room for the bitmap.
 */
export const RUN_DRAW = { hit: 'hit', append: 'append', rebuild: 'rebuild', direct: 'direct' } as const;
export type RunDraw = (typeof RUN_DRAW)[keyof typeof RUN_DRAW];

/**
 * One bitmap, the size of the board's canvas, holding a run of objects that stay put as
 * drawn with the canvas's current transform. Drawing the run again is one drawImage as long
 * as the transform, the canvas size and the objects are unchanged; objects added at the end of
 * the run (a committed stroke) are painted onto the bitmap instead of redrawing all of it.
 */
export class RunCache {
  readonly #el = document.createElement('canvas');
  #ctx: CanvasRenderingContext2D | null = null;
  #objects: FabricObject[] = [];
  #nums = new Float64Array(0);
  #strs: unknown[] = [];
  /** The target's transform (a–f) and pixel size the bitmap was drawn for. */
  #key: number[] = [];

  /**
   * Paints `objects` onto `ctx` (already transformed to board units) through the bitmap.
   * `verify`: something may have changed on the objects themselves (the canvas was asked for
   * a full render), so compare their prints, not only which objects they are.
   */
  draw(ctx: CanvasRenderingContext2D, objects: readonly FabricObject[], verify: boolean): RunDraw {
    const cache = this.#context(ctx);
    if (!cache) {
      const painter = new StaticPainter(ctx);
      for (const o of objects) painter.paint(o);
      painter.finish();
      return RUN_DRAW.direct;
    }
    const m = ctx.getTransform();
    const key = [m.a, m.b, m.c, m.d, m.e, m.f, ctx.canvas.width, ctx.canvas.height];
    const kept = sameNumbers(key, this.#key) ? this.#keptPrefix(objects, verify) : -1;
    let how: RunDraw = RUN_DRAW.hit;
    if (kept < 0) {
      how = RUN_DRAW.rebuild;
      this.#key = key;
      this.#objects = [];
      cache.setTransform(1, 0, 0, 1, 0, 0);
      cache.clearRect(0, 0, this.#el.width, this.#el.height);
    } else if (kept < objects.length) {
      how = RUN_DRAW.append;
    }
    if (how !== RUN_DRAW.hit) {
      cache.setTransform(m);
      cache.imageSmoothingEnabled = ctx.imageSmoothingEnabled;
      const painter = new StaticPainter(cache);
      const from = this.#objects.length;
      if (this.#nums.length < objects.length * NUMS) {
        const grown = new Float64Array(objects.length * NUMS * 2);
        grown.set(this.#nums.subarray(0, from * NUMS));
        this.#nums = grown;
      }
      for (let i = from; i < objects.length; i++) {
        const o = objects[i] as FabricObject;
        painter.paint(o);
        this.#objects.push(o);
        writePrint(o, this.#nums, this.#strs, i);
      }
      painter.finish();
    }
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.globalCompositeOperation = 'source-over';
    ctx.drawImage(this.#el, 0, 0);
    ctx.restore();
    return how;
  }

  /** Frees the bitmap's memory; the next draw rebuilds it. */
  release(): void {
    untrackCanvas(this.#el);
    if (this.#el.width === 0) return;
    this.#el.width = 0;
    this.#el.height = 0;
    this.#ctx = null;
    this.#forget();
  }

  #forget(): void {
    this.#key = [];
    this.#objects = [];
    this.#nums = new Float64Array(0);
    this.#strs = [];
  }

  /**
   * How many leading objects of `objects` the bitmap already shows, or -1 when it shows
   * something else (an object went away, moved within the run, or changed).
   */
  #keptPrefix(objects: readonly FabricObject[], verify: boolean): number {
    const cached = this.#objects;
    if (cached.length > objects.length) return -1;
    for (let i = 0; i < cached.length; i++) {
      const o = objects[i] as FabricObject;
      if (o !== cached[i]) return -1;
      if (verify && !samePrint(o, this.#nums, this.#strs, i)) return -1;
    }
    return cached.length;
  }

  /**
   * The bitmap's context, sized like the target's canvas (resizing clears it), or null when
   * the page's canvas budget has no room for a bitmap that size.
   */
  #context(target: CanvasRenderingContext2D): CanvasRenderingContext2D | null {
    const { width, height } = target.canvas;
    if (this.#el.width !== width || this.#el.height !== height) {
      if (!canvasFits(this.#el, width, height)) {
        this.release();
        return null;
      }
      trackCanvas(this.#el);
      this.#el.width = width;
      this.#el.height = height;
      this.#ctx = null;
      this.#forget();
    }
    this.#ctx ??= this.#el.getContext('2d');
    if (!this.#ctx) throw new Error('no 2d context for the board cache');
    return this.#ctx;
  }
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

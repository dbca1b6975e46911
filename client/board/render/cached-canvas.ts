import { StaticCanvas, type FabricObject } from 'fabric';
import { StaticPainter } from './fast-paint';
import { around, liveRects, sameList, type PixelRect } from './dirty-frame';
import { livePositions } from './live-objects';
import { trackCanvas, untrackCanvas } from './canvas-budget';
import { waitForRanks } from './outline-ranks';
import { RunCache } from './run-cache';

/**
 * At most this many bitmaps (each the size of the canvas: 4 MB at 1280×800, four times that
 * on a retina iPad). Normally two are in use, below the ink layer and the ink layer; runs past
 * the last bitmap are drawn object by object.
 */
const MAX_RUNS = 4;

function paintAll(ctx: CanvasRenderingContext2D, objects: readonly FabricObject[]): void {
  const painter = new StaticPainter(ctx);
  for (const o of objects) painter.paint(o);
  painter.finish();
}

/**
 * fabric's StaticCanvas, drawing its committed objects from cached bitmaps. With 5,000 strokes
 * on the board, drawing every object for every frame of a pen stroke costs hundreds of
 * milliseconds; per-object cache canvases (fabric's objectCaching) would cost ~256 KB each.
 * Instead the object list is cut into runs at every live object (live-objects.ts) and at
 * `runBreaks`; each run of static objects is one bitmap, so a frame of a pen stroke is a few
 * drawImage calls plus the stroke itself. Objects still paint in list order, so layers and
 * translucent strokes look as before.
 *
 * When is a bitmap stale? Which objects a run holds is checked every frame. Whether one of
 * them changed in place (moved, dimmed by the eraser, hidden) is checked by comparing every
 * object's print (1–2 ms for 5,000 on a busy 2-core machine) on every render except frames
 * asked for with `requestFrame` or `renderFrame`, which promise that only live objects
 * changed: the pen's own preview, and the strokes other recorders are drawing, which arrive
 * 30 times a second on every viewer.
 */
export class CachedCanvas extends StaticCanvas {
  readonly #runs: RunCache[] = [];
  /**
   * Not #private fields: fabric's constructor may call requestRenderAll before they exist.
   * `inFrame`: the render under way was asked for as a frame, so it leaves `verifyNext` be.
   */
  private verifyNext = true;
  private inFrame = false;
  /** What the last render on the canvas itself drew: its objects, transform, live objects. */
  private lastFrame: {
    objects: FabricObject[];
    key: number[];
    live: number[];
    rects: PixelRect[];
  } | null = null;
  /** Positions of live objects and run breaks in the frame being drawn (canvas's own list). */
  private cuts: { objects: FabricObject[]; live: number[]; breaks: readonly number[] } | null = null;
  /** Positions where a run must start (set by the layer stack: where the ink layer starts). */
  runBreaks: () => readonly number[] = () => [];

  constructor(...args: ConstructorParameters<typeof StaticCanvas>) {
    super(...args);
    trackCanvas(this.lowerCanvasEl);
  }

  override requestRenderAll(): void {
    this.verifyNext = true;
    super.requestRenderAll();
  }

  /** A frame for live objects only: nothing static changed, so no prints are compared. */
  requestFrame(): void {
    super.requestRenderAll();
  }

  /** `requestFrame`, drawn now (the pen's preview draws inside its own animation frame). */
  renderFrame(): void {
    this.inFrame = true;
    try {
      super.renderAll();
    } finally {
      this.inFrame = false;
    }
  }

  override renderAndReset(): void {
    // A board just built: its outlines' ranks are coming from the worker (outline-ranks.ts).
    if (waitForRanks(() => this.requestFrame())) {
      this.nextRenderHandle = 0;
      return;
    }
    this.inFrame = true;
    try {
      super.renderAndReset();
    } finally {
      this.inFrame = false;
    }
  }

  /** A direct render (not a requested frame) may follow any change: compare the prints. */
  override renderAll(): void {
    if (!this.inFrame) this.verifyNext = true;
    super.renderAll();
  }

  /**
   * A live-only frame with the same runs and view as the last one is clipped to where live
   * objects were and are (dirty-frame.ts): the bitmaps are unchanged, so everything outside
   * that rectangle already shows what it should.
   */
  override renderCanvas(ctx: CanvasRenderingContext2D, objects: FabricObject[]): void {
    if (ctx !== this.getContext()) {
      super.renderCanvas(ctx, objects);
      return;
    }
    const base = ctx.getTransform();
    const m = base.multiply(new DOMMatrix([...this.viewportTransform]));
    const key = [m.a, m.b, m.c, m.d, m.e, m.f, ctx.canvas.width, ctx.canvas.height];
    const live = livePositions(this, objects);
    const rects = liveRects(objects, live, m);
    const last = this.lastFrame;
    const liveOnly = this.inFrame && !this.verifyNext;
    const clip =
      liveOnly &&
      last &&
      rects &&
      sameNumbers(key, last.key) &&
      sameNumbers(live, last.live) &&
      sameList(objects, last.objects)
        ? around([...last.rects, ...rects], ctx.canvas.width, ctx.canvas.height)
        : null;
    this.lastFrame = rects ? { objects: [...objects], key, live, rects } : null;
    this.cuts = { objects, live, breaks: this.runBreaks() };
    try {
      if (!clip) {
        super.renderCanvas(ctx, objects);
        return;
      }
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.beginPath();
      ctx.rect(clip.x0, clip.y0, clip.x1 - clip.x0, clip.y1 - clip.y0);
      ctx.clip();
      ctx.setTransform(base);
      super.renderCanvas(ctx, objects);
      ctx.restore();
    } finally {
      this.cuts = null;
    }
  }

  override _renderObjects(ctx: CanvasRenderingContext2D, objects: FabricObject[]): void {
    const cuts = this.cuts;
    if (ctx !== this.getContext() || !cuts || cuts.objects !== objects) {
      // A copy drawn elsewhere (toCanvasElement: the overview map) must not disturb the bitmaps.
      paintAll(ctx, objects);
      return;
    }
    const verify = this.verifyNext;
    this.verifyNext = false;
    let used = 0;
    const flush = (from: number, to: number): void => {
      if (to <= from) return;
      const run = objects.slice(from, to);
      if (used < MAX_RUNS) {
        const cache = (this.#runs[used] ??= new RunCache());
        cache.draw(ctx, run, verify);
      } else {
        paintAll(ctx, run);
      }
      used++;
    };
    // Runs end before each live object (drawn afresh on its own) and before each break.
    const live = new Set(cuts.live);
    const ends = [...new Set([...cuts.live, ...cuts.breaks])].sort((a, b) => a - b);
    let from = 0;
    for (const at of ends) {
      if (at < from || at >= objects.length) continue;
      flush(from, at);
      if (live.has(at)) {
        objects[at]?.render(ctx);
        from = at + 1;
      } else {
        from = at;
      }
    }
    flush(from, objects.length);
    // Bitmaps this frame did not need (a select gesture ended): give their memory back.
    for (let i = used; i < this.#runs.length; i++) this.#runs[i]?.release();
  }

  override destroy(): void {
    untrackCanvas(this.lowerCanvasEl);
    for (const r of this.#runs) r.release();
    super.destroy();
  }
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

import { StaticCanvas, type FabricObject } from 'fabric';
import { StaticPainter } from './fast-paint';
import { isLive } from './live-objects';
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
 * `runBreak`; each run of static objects is one bitmap, so a frame of a pen stroke is a few
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
  /** Cuts a run between two static neighbours (set by the layer stack: at the ink layer). */
  runBreak: (prev: FabricObject, next: FabricObject) => boolean = () => false;

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

  override _renderObjects(ctx: CanvasRenderingContext2D, objects: FabricObject[]): void {
    if (ctx !== this.getContext()) {
      // A copy drawn elsewhere (toCanvasElement: the overview map) must not disturb the bitmaps.
      paintAll(ctx, objects);
      return;
    }
    const verify = this.verifyNext;
    this.verifyNext = false;
    let used = 0;
    let run: FabricObject[] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      if (used < MAX_RUNS) {
        const cache = (this.#runs[used] ??= new RunCache());
        cache.draw(ctx, run, verify);
      } else {
        paintAll(ctx, run);
      }
      used++;
      run = [];
    };
    for (const o of objects) {
      if (isLive(o)) {
        flush();
        o.render(ctx);
        continue;
      }
      const prev = run[run.length - 1];
      if (prev && this.runBreak(prev, o)) flush();
      run.push(o);
    }
    flush();
    // Bitmaps this frame did not need (a select gesture ended): give their memory back.
    for (let i = used; i < this.#runs.length; i++) this.#runs[i]?.release();
  }

  override destroy(): void {
    for (const r of this.#runs) r.release();
    super.destroy();
  }
}

import type { FabricObject, StaticCanvas } from 'fabric';
import { LAYER_ORDER, LAYERS, type Layer } from '../../shared/presets';
import { CachedCanvas } from './render/cached-canvas';

/**
 * Keeps the canvas's object list in paint order: fixed background first, then the template,
 * shadow and ink layers (shared/layers.ts), each in arrival order.
 */
export class LayerStack {
  readonly #canvas: StaticCanvas;
  readonly #base: number;
  readonly #counts = new Map<Layer, number>(LAYER_ORDER.map((l) => [l, 0]));
  readonly #layerOf = new WeakMap<FabricObject, Layer>();

  /** `base` objects (the board sheet) stay below every layer. */
  constructor(canvas: StaticCanvas, base: number) {
    this.#canvas = canvas;
    this.#base = base;
    // The ink layer gets its own cached bitmap: a stroke committed to any layer then lands at
    // the end of its bitmap's run and is painted onto it, instead of redrawing the board.
    if (canvas instanceof CachedCanvas) canvas.runBreaks = () => [this.#span(LAYERS.ink).start];
  }

  /** Index of the first object of a layer, and one past its last. */
  #span(layer: Layer): { start: number; end: number } {
    let start = this.#base;
    for (const l of LAYER_ORDER) {
      const n = this.#counts.get(l) ?? 0;
      if (l === layer) return { start, end: start + n };
      start += n;
    }
    return { start, end: start };
  }

  /** Asks for a frame in which only live objects changed (a stroke being drawn). */
  requestFrame(): void {
    if (this.#canvas instanceof CachedCanvas) this.#canvas.requestFrame();
    else this.#canvas.requestRenderAll();
  }

  /** Draws such a frame now. */
  renderFrame(): void {
    if (this.#canvas instanceof CachedCanvas) this.#canvas.renderFrame();
    else this.#canvas.renderAll();
  }

  add(object: FabricObject, layer: Layer): void {
    this.#canvas.insertAt(this.#span(layer).end, object);
    this.#counts.set(layer, (this.#counts.get(layer) ?? 0) + 1);
    this.#layerOf.set(object, layer);
  }

  remove(object: FabricObject): void {
    const layer = this.#layerOf.get(object);
    if (layer === undefined) return;
    this.#canvas.remove(object);
    this.#layerOf.delete(object);
    this.#counts.set(layer, (this.#counts.get(layer) ?? 1) - 1);
  }

  /** Puts `next` exactly where `prev` was (a record drawn again keeps its place). */
  replace(prev: FabricObject, next: FabricObject): void {
    const layer = this.#layerOf.get(prev);
    if (layer === undefined) return;
    const index = this.indexOf(prev);
    this.#canvas.remove(prev);
    this.#canvas.insertAt(index < 0 ? this.#span(layer).end - 1 : index, next);
    this.#layerOf.delete(prev);
    this.#layerOf.set(next, layer);
  }

  /** Moves an object to the top (front) or the bottom (back) of its own layer. */
  moveWithin(object: FabricObject, to: 'front' | 'back'): void {
    const layer = this.#layerOf.get(object);
    if (layer === undefined) return;
    const { start, end } = this.#span(layer);
    this.#canvas.moveObjectTo(object, to === 'front' ? end - 1 : start);
  }

  /**
   * Puts these objects of one layer at its bottom in the given order (objects of the layer not
   * listed, such as strokes being drawn, stay above them). Cheap when they already are.
   */
  arrange(layer: Layer, ordered: readonly FabricObject[]): void {
    const { start } = this.#span(layer);
    ordered.forEach((object, k) => {
      if (this.#canvas.item(start + k) !== object && this.#layerOf.get(object) === layer) {
        this.#canvas.moveObjectTo(object, start + k);
      }
    });
  }

  /**
   * Paint positions of some objects (higher paints later): a few are looked up one by one,
   * many in one pass over the canvas's list.
   */
  positions(objects: readonly FabricObject[]): Map<FabricObject, number> {
    const out = new Map<FabricObject, number>();
    if (objects.length <= 8) {
      for (const o of objects) out.set(o, this.indexOf(o));
      return out;
    }
    const wanted = new Set(objects);
    this.#canvas._objects.forEach((o, i) => {
      if (wanted.has(o)) out.set(o, i);
    });
    return out;
  }

  /** Position in paint order (higher paints later), or -1 when not on the canvas. */
  indexOf(object: FabricObject): number {
    // The live list, not getObjects(), which copies it.
    return this.#canvas._objects.indexOf(object);
  }

  clear(): void {
    const drop = this.#canvas.getObjects().slice(this.#base);
    if (drop.length > 0) this.#canvas.remove(...drop);
    for (const l of LAYER_ORDER) this.#counts.set(l, 0);
  }
}

import type { FabricObject, StaticCanvas } from 'fabric';
import { LAYER_ORDER, type Layer } from '../../shared/presets';

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
  }

  add(object: FabricObject, layer: Layer): void {
    let end = this.#base;
    for (const l of LAYER_ORDER) {
      end += this.#counts.get(l) ?? 0;
      if (l === layer) break;
    }
    this.#canvas.insertAt(end, object);
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

  clear(): void {
    const drop = this.#canvas.getObjects().slice(this.#base);
    if (drop.length > 0) this.#canvas.remove(...drop);
    for (const l of LAYER_ORDER) this.#counts.set(l, 0);
  }
}

import type { Path } from 'fabric';
import type { Point, StrokeStyle } from '../../shared/objects/stroke';
import { PEN_PRESETS } from '../../shared/presets';
import type { LayerStack } from './layer-stack';
import { livePath, reshapeLivePath } from './render-stroke';

interface Pending {
  style: StrokeStyle;
  points: readonly Point[];
}

/**
 * This tab's strokes in progress. A pen sends up to 240 samples a second; the outline is
 * rebuilt at most once per animation frame, however many samples arrived in between.
 */
export class LocalPreviews {
  readonly #layers: LayerStack;
  readonly #render: () => void;
  readonly #paths = new Map<string, Path>();
  readonly #pending = new Map<string, Pending>();
  #frame = 0;

  constructor(layers: LayerStack, render: () => void) {
    this.#layers = layers;
    this.#render = render;
  }

  /** Empty points remove the preview at once, so the committed stroke replaces it in one frame. */
  set(id: string, style: StrokeStyle, points: readonly Point[]): void {
    if (points.length > 0) {
      this.#pending.set(id, { style, points });
      this.#frame ||= requestAnimationFrame(() => this.#flush());
      return;
    }
    this.#pending.delete(id);
    const path = this.#paths.get(id);
    if (path) this.#layers.remove(path);
    this.#paths.delete(id);
    this.#render();
  }

  clear(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#pending.clear();
    for (const path of this.#paths.values()) this.#layers.remove(path);
    this.#paths.clear();
  }

  #flush(): void {
    this.#frame = 0;
    for (const [id, { style, points }] of this.#pending) {
      const existing = this.#paths.get(id);
      if (existing) {
        reshapeLivePath(existing, style, points);
        continue;
      }
      const path = livePath(style, points);
      if (!path) continue;
      this.#layers.add(path, PEN_PRESETS[style.tool].layer);
      this.#paths.set(id, path);
    }
    this.#pending.clear();
    // Only the previews changed: the committed strokes come from the canvas's cached bitmaps
    // without checking each of them again (removing a preview, above, renders in full).
    this.#layers.renderFrame();
  }
}

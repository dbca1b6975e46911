import type { Path } from 'fabric';
import type { Point } from '../../shared/objects/stroke';
import { PEN_PRESETS } from '../../shared/presets';
import type { LiveStroke } from '../../shared/protocol';
import type { LayerStack } from './layer-stack';
import { livePath, reshapeLivePath } from './render-stroke';

/** A live stroke that stops receiving batches is dropped (its recorder lost the connection). */
export const LIVE_EXPIRY_MS = 10_000;

interface Entry {
  batch: LiveStroke;
  points: Point[];
  path: Path | null;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Strokes other recorders are drawing right now, drawn with the same shared outline as the
 * committed stroke so nothing jumps when the commit replaces them.
 */
export class LiveStrokes {
  readonly #layers: LayerStack;
  readonly #invalidate: () => void;
  readonly #entries = new Map<string, Entry>();

  constructor(layers: LayerStack, invalidate: () => void) {
    this.#layers = layers;
    this.#invalidate = invalidate;
  }

  apply(batch: LiveStroke): void {
    if (batch.cancel) {
      this.drop(batch.strokeId);
      return;
    }
    let entry = this.#entries.get(batch.strokeId);
    if (!entry) {
      entry = { batch, points: [], path: null, timer: this.#expiry(batch.strokeId) };
      this.#entries.set(batch.strokeId, entry);
    } else {
      clearTimeout(entry.timer);
      entry.timer = this.#expiry(batch.strokeId);
    }
    // Batches are volatile: a lost one leaves a gap that the outline simply bridges.
    const from = Math.min(batch.from, entry.points.length);
    entry.points.splice(from, entry.points.length - from, ...batch.points);
    if (entry.points.length === 0) return;
    if (entry.path) {
      reshapeLivePath(entry.path, batch, entry.points);
    } else {
      entry.path = livePath(batch, entry.points);
      if (entry.path) this.#layers.add(entry.path, PEN_PRESETS[batch.tool].layer);
    }
    // Only the live path changed: the committed strokes stay in the canvas's cached bitmaps.
    this.#layers.requestFrame();
  }

  has(strokeId: string): boolean {
    return this.#entries.has(strokeId);
  }

  drop(strokeId: string): void {
    const entry = this.#entries.get(strokeId);
    if (!entry) return;
    clearTimeout(entry.timer);
    if (entry.path) this.#layers.remove(entry.path);
    this.#entries.delete(strokeId);
    this.#invalidate();
  }

  clear(): void {
    for (const id of [...this.#entries.keys()]) this.drop(id);
  }

  #expiry(strokeId: string): ReturnType<typeof setTimeout> {
    return setTimeout(() => this.drop(strokeId), LIVE_EXPIRY_MS);
  }
}

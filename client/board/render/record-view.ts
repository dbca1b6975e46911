import type { FabricObject, TMat2D } from 'fabric';
import { invert, multiply, type Bounds } from '../../../shared/geometry/matrix';
import { layerOf } from '../../../shared/layers';
import type { BoardObject } from '../../../shared/objects/board-object';
import type { Transform } from '../../../shared/objects/placement';
import type { ReorderTo } from '../../../shared/ops';
import type { Layer } from '../../../shared/presets';
import type { LayerStack } from '../layer-stack';
import { AssetImages } from './asset-images';
import { markLive } from './live-objects';
import { boardBounds, hitsRecord, transformOf } from './record-geometry';
import { place, renderRecord, type RenderEnv } from './render-record';
import { textFontReady } from './text-fonts';

interface Entry {
  record: BoardObject;
  layer: Layer;
  object: FabricObject | null;
  opacity: number;
  bounds: Bounds;
  /** The record's transform when its object was built, and the object's matrix then. */
  builtWith: Transform;
  builtMatrix: TMat2D | null;
  faded: boolean;
  /** Set while a select gesture shows the record moved by this matrix. */
  preview: Transform | null;
  /** Shown instead of the record while the partial eraser cuts it. */
  substitutes: FabricObject[];
  /** Whether the record itself is hidden (substituted, maybe by nothing: a text being edited). */
  substituted: boolean;
  /** Draws the record again once its image or font has arrived. */
  redraw: (() => void) | null;
}

export interface RecordViewOptions {
  layers: LayerStack;
  /** URL of an asset's bytes for this page's key, or null when it has none. */
  assetUrl: (assetId: string) => string | null;
  invalidate: () => void;
}

/** How much a faded (picked by the eraser) record keeps of its opacity. */
const FADED = 0.2;

/** Deep equality of JSON-like record values (points, transforms, strings, numbers). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  return false;
}

/** Whether two versions of a record differ in nothing but where they sit. */
function sameButTransform(a: BoardObject, b: BoardObject): boolean {
  const ka = Object.keys(a).filter((k) => k !== 'transform');
  const kb = Object.keys(b).filter((k) => k !== 'transform');
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  const ra = a as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && same(ra[k], rb[k]));
}

/**
 * The board's records as fabric objects, keyed by record id, in the layer stack's paint order.
 * Unchanged records keep their objects; a record that only moved keeps its object and gets a
 * new matrix; anything else is drawn again in the same place of the stack.
 */
export class RecordView {
  readonly #layers: LayerStack;
  readonly #invalidate: () => void;
  readonly #entries = new Map<string, Entry>();
  readonly #images: AssetImages;
  /** Records that are not on the board (yet): a shape being dragged out. */
  readonly #previews = new Map<string, FabricObject>();

  constructor(opts: RecordViewOptions) {
    this.#layers = opts.layers;
    this.#invalidate = opts.invalidate;
    this.#images = new AssetImages(opts.assetUrl);
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  record(id: string): BoardObject | undefined {
    return this.#entries.get(id)?.record;
  }

  bounds(id: string): Bounds | undefined {
    return this.#entries.get(id)?.bounds;
  }

  ids(): IterableIterator<string> {
    return this.#entries.keys();
  }

  *records(): IterableIterator<BoardObject> {
    for (const entry of this.#entries.values()) yield entry.record;
  }

  #env(entry: Entry): RenderEnv {
    const redraw = (entry.redraw ??= () => {
      if (this.#entries.get(entry.record.id) !== entry) return;
      this.#build(entry);
      this.#invalidate();
    });
    return {
      image: (assetId) => this.#images.get(assetId, redraw),
      fontReady: (spec, text) => textFontReady(spec, text, redraw),
    };
  }

  /** (Re)builds an entry's object in place (or at the end of its layer for a new one). */
  #build(entry: Entry): void {
    const rendered = renderRecord(entry.record, this.#env(entry));
    const prev = entry.object;
    const next = rendered?.object ?? null;
    if (prev && next) this.#layers.replace(prev, next);
    else if (prev) this.#layers.remove(prev);
    else if (next) this.#layers.add(next, entry.layer);
    entry.object = next;
    entry.opacity = rendered?.opacity ?? 1;
    entry.builtWith = transformOf(entry.record);
    entry.builtMatrix = next ? next.calcOwnMatrix() : null;
    entry.preview = null;
    if (next) {
      next.opacity = entry.faded ? entry.opacity * FADED : entry.opacity;
      next.visible = !entry.substituted;
    }
  }

  /** Puts an entry's object at its record's transform, times a preview matrix if any. */
  #place(entry: Entry): boolean {
    const { object, builtMatrix } = entry;
    if (!object || !builtMatrix) return true;
    const back = invert(entry.builtWith);
    if (!back) return false;
    const m = multiply(multiply(transformOf(entry.record), back), builtMatrix as unknown as Transform);
    place(object, entry.preview ? multiply(entry.preview, m) : m);
    return true;
  }

  add(record: BoardObject): void {
    if (this.#entries.has(record.id)) {
      this.update(record);
      return;
    }
    const entry: Entry = {
      record,
      layer: layerOf(record),
      object: null,
      opacity: 1,
      bounds: boardBounds(record),
      builtWith: transformOf(record),
      builtMatrix: null,
      faded: false,
      preview: null,
      substitutes: [],
      substituted: false,
      redraw: null,
    };
    this.#entries.set(record.id, entry);
    this.#build(entry);
  }

  remove(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    if (entry.object) this.#layers.remove(entry.object);
    for (const s of entry.substitutes) this.#layers.remove(s);
    if (entry.redraw) this.#images.forget(entry.redraw);
    this.#entries.delete(id);
  }

  /** A changed record: a move only re-places its object; anything else draws it again. */
  update(record: BoardObject): void {
    const entry = this.#entries.get(record.id);
    if (!entry) {
      this.add(record);
      return;
    }
    const prev = entry.record;
    if (prev === record) return;
    const layer = layerOf(record);
    entry.record = record;
    entry.bounds = boardBounds(record);
    if (layer !== entry.layer) {
      if (entry.object) this.#layers.remove(entry.object);
      entry.object = null;
      entry.layer = layer;
      this.#build(entry);
      return;
    }
    const hadPreview = entry.preview !== null;
    entry.preview = null;
    if (hadPreview && entry.object) markLive(entry.object, false);
    if (sameButTransform(prev, record)) {
      // A snapshot reloaded after a reconnect: the same record again, nothing to draw.
      if (!hadPreview && same(transformOf(prev), transformOf(record))) return;
      if (this.#place(entry)) return;
    }
    this.#build(entry);
  }

  /** Follows a reorder: the records go to the front or back of their layers, in this order. */
  move(ids: readonly string[], to: ReorderTo): void {
    const list = to === 'front' ? ids : [...ids].reverse();
    for (const id of list) {
      const object = this.#entries.get(id)?.object;
      if (object) this.#layers.moveWithin(object, to);
    }
  }

  /**
   * Shows exactly these records in exactly this order, keeping the objects of records that did
   * not change (a reload after a reconnect draws nothing again that it already shows).
   */
  reset(records: readonly BoardObject[]): void {
    const keep = new Set(records.map((r) => r.id));
    for (const id of [...this.#entries.keys()]) if (!keep.has(id)) this.remove(id);
    for (const r of records) this.add(r);
    const byLayer = new Map<Layer, FabricObject[]>();
    for (const r of records) {
      const entry = this.#entries.get(r.id);
      if (!entry?.object) continue;
      const list = byLayer.get(entry.layer) ?? [];
      list.push(entry.object);
      byLayer.set(entry.layer, list);
    }
    for (const [layer, objects] of byLayer) this.#layers.arrange(layer, objects);
  }

  clear(): void {
    for (const id of [...this.#entries.keys()]) this.remove(id);
    for (const id of [...this.#previews.keys()]) this.preview(id, null);
    this.#images.clear();
  }

  /**
   * Ids of records touched by a circle of board radius r at (x, y), topmost first. `accept`
   * narrows the kinds (the partial eraser cuts strokes only).
   */
  hitTest(x: number, y: number, r: number, accept?: (record: BoardObject) => boolean): string[] {
    const hits: string[] = [];
    for (const [id, entry] of this.#entries) {
      const b = entry.bounds;
      if (x < b.minX - r || x > b.maxX + r || y < b.minY - r || y > b.maxY + r) continue;
      if (accept && !accept(entry.record)) continue;
      if (hitsRecord(entry.record, x, y, r)) hits.push(id);
    }
    if (hits.length < 2) return hits;
    const z = this.#depths(hits);
    return hits.sort((a, b) => (z.get(b) ?? -1) - (z.get(a) ?? -1));
  }

  /** Paint positions of some records (-1 for one that paints nothing): one pass for many. */
  #depths(ids: readonly string[]): Map<string, number> {
    const objects = ids.flatMap((id) => this.#entries.get(id)?.object ?? []);
    const at = this.#layers.positions(objects);
    const out = new Map<string, number>();
    for (const id of ids) {
      const object = this.#entries.get(id)?.object;
      out.set(id, object ? (at.get(object) ?? -1) : -1);
    }
    return out;
  }

  /** Sorts ids bottom first, as they paint. */
  paintOrder(ids: readonly string[]): string[] {
    const z = this.#depths(ids);
    return [...ids].sort((a, b) => (z.get(a) ?? -1) - (z.get(b) ?? -1));
  }

  setFaded(ids: readonly string[], faded: boolean): void {
    for (const id of ids) {
      const entry = this.#entries.get(id);
      if (!entry) continue;
      entry.faded = faded;
      if (entry.object) entry.object.opacity = faded ? entry.opacity * FADED : entry.opacity;
    }
    this.#invalidate();
  }

  /** Shows records moved by `m` on top of their transform (a select gesture); null ends it. */
  previewTransform(ids: readonly string[], m: Transform | null): void {
    for (const id of ids) {
      const entry = this.#entries.get(id);
      if (!entry) continue;
      entry.preview = m;
      if (!this.#place(entry)) this.#build(entry);
      // Moving with the pointer: drawn afresh each frame, the rest of the board stays cached.
      if (entry.object) markLive(entry.object, m !== null);
    }
    this.#invalidate();
  }

  /** Shows other records in place of one (the pieces the partial eraser leaves); null ends it. */
  substitute(id: string, records: readonly BoardObject[] | null): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    for (const s of entry.substitutes) this.#layers.remove(s);
    entry.substitutes = [];
    for (const r of records ?? []) {
      const rendered = renderRecord(r, this.#env(entry));
      if (!rendered) continue;
      this.#layers.add(rendered.object, entry.layer);
      entry.substitutes.push(rendered.object);
    }
    entry.substituted = records !== null;
    if (entry.object) entry.object.visible = !entry.substituted;
    this.#invalidate();
  }

  /** Draws a record that is not on the board (yet), above its layer; null removes it. */
  preview(id: string, record: BoardObject | null): void {
    const prev = this.#previews.get(id);
    if (prev) this.#layers.remove(prev);
    this.#previews.delete(id);
    if (record) {
      const rendered = renderRecord(record, {
        image: (assetId) => this.#images.get(assetId, () => {}),
        fontReady: () => true,
      });
      if (rendered) {
        markLive(rendered.object);
        this.#layers.add(rendered.object, layerOf(record));
        this.#previews.set(id, rendered.object);
      }
    }
    this.#invalidate();
  }
}

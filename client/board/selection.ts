import type { TMat2D } from 'fabric';
import { applyToPoint, type Transform } from '../../shared/geometry/matrix';
import type { RecordView } from './render/record-view';
import { boardCorners, insidePolygon } from './render/record-geometry';
import { HANDLE_PX, SelectionOverlay } from './selection-overlay';

export type P = readonly [number, number];

/** The corner handles, clockwise from the top-left, and the rotate handle above the top edge. */
export type Corner = 0 | 1 | 2 | 3;
export type Handle = { kind: 'corner'; corner: Corner } | { kind: 'rotate' } | { kind: 'inside' };

/** How far the rotate handle sits beyond the top edge, in CSS pixels. */
export const ROTATE_HANDLE_PX = 28;
/** How near (CSS pixels) a press must be to a handle to take it. */
export const HANDLE_REACH_PX = HANDLE_PX + 6;

/** The box of several records: their board bounds together, axis-aligned. */
function unionCorners(boxes: readonly (readonly P[])[]): P[] | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const box of boxes) {
    for (const [x, y] of box) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  if (!Number.isFinite(minX)) return null;
  return [
    [minX, minY],
    [maxX, minY],
    [maxX, maxY],
    [minX, maxY],
  ];
}

/** Room between the selected ink and the box, in CSS pixels, so handles never hide the ink. */
export const BOX_PAD_PX = 8;

function unit(x: number, y: number, fallback: P): P {
  const len = Math.hypot(x, y);
  return len > 1e-9 ? [x / len, y / len] : fallback;
}

/** A box (parallelogram, corners clockwise from top-left) grown by `pad` on every side. */
export function padBox(corners: readonly P[], pad: number): P[] {
  const [c0, c1, c2, c3] = corners as [P, P, P, P];
  const u = unit(c1[0] - c0[0], c1[1] - c0[1], [1, 0]);
  const v = unit(c3[0] - c0[0], c3[1] - c0[1], [-u[1], u[0]]);
  const at = (c: P, su: number, sv: number): P => [
    c[0] + pad * (su * u[0] + sv * v[0]),
    c[1] + pad * (su * u[1] + sv * v[1]),
  ];
  return [at(c0, -1, -1), at(c1, 1, -1), at(c2, 1, 1), at(c3, -1, 1)];
}

/** Corner handles, and the rotate handle on the outward normal of the top edge's middle. */
export function handlesOf(
  corners: readonly P[],
  zoom: number,
): { corners: readonly P[]; rotate: P; topMid: P } {
  const [c0, c1, c2, c3] = corners as [P, P, P, P];
  const topMid: P = [(c0[0] + c1[0]) / 2, (c0[1] + c1[1]) / 2];
  const centre: P = [(c0[0] + c2[0]) / 2, (c0[1] + c2[1]) / 2];
  let nx = topMid[0] - centre[0];
  let ny = topMid[1] - centre[1];
  let len = Math.hypot(nx, ny);
  if (len < 1e-9) {
    // A flat box has no inside to point away from: up the screen.
    nx = 0;
    ny = -1;
    len = 1;
  }
  const reach = ROTATE_HANDLE_PX / zoom;
  return {
    corners: [c0, c1, c2, c3],
    rotate: [topMid[0] + (nx / len) * reach, topMid[1] + (ny / len) * reach],
    topMid,
  };
}

/**
 * The select tool's selection: which records, the box and handles drawn around them, the lasso
 * while it is drawn, and the preview of a move, scale or rotation in progress. The records stay
 * the truth: a finished gesture becomes a patch op, and the box is drawn from the records again.
 */
export class Selection {
  readonly #view: RecordView;
  readonly #overlay: SelectionOverlay;
  readonly #vt: () => TMat2D;
  readonly #onChange: (ids: readonly string[]) => void;
  #ids: string[] = [];
  #delta: Transform | null = null;
  #lasso: P[] | null = null;

  constructor(opts: {
    el: HTMLElement;
    view: RecordView;
    vt: () => TMat2D;
    onChange?: (ids: readonly string[]) => void;
  }) {
    this.#view = opts.view;
    this.#overlay = new SelectionOverlay(opts.el);
    this.#vt = opts.vt;
    this.#onChange = opts.onChange ?? (() => {});
  }

  get ids(): readonly string[] {
    return this.#ids;
  }

  has(id: string): boolean {
    return this.#ids.includes(id);
  }

  set(ids: readonly string[]): void {
    const next = [...new Set(ids)].filter((id) => this.#view.has(id));
    const changed = next.length !== this.#ids.length || next.some((id, i) => id !== this.#ids[i]);
    if (this.#delta) this.preview(null);
    this.#ids = next;
    this.redraw();
    if (changed) this.#onChange(this.#ids);
  }

  toggle(id: string): void {
    this.set(this.has(id) ? this.#ids.filter((x) => x !== id) : [...this.#ids, id]);
  }

  clear(): void {
    this.set([]);
  }

  /** After the board changed: forget records that are gone, draw the box where they are now. */
  refresh(): void {
    if (this.#ids.some((id) => !this.#view.has(id))) this.set(this.#ids);
    else this.redraw();
  }

  /** The box: a lone record's own box through its transform (it turns with it), else the union. */
  corners(): P[] | null {
    const records = this.#ids.flatMap((id) => this.#view.record(id) ?? []);
    if (records.length === 0) return null;
    const boxes = records.map(boardCorners);
    const tight = boxes.length === 1 ? (boxes[0] as P[]) : unionCorners(boxes);
    if (!tight) return null;
    const box = padBox(tight, BOX_PAD_PX / this.#vt()[0]);
    const d = this.#delta;
    return d ? box.map(([x, y]) => applyToPoint(d, x, y)) : box;
  }

  /** Which handle (or the inside of the box) a board point falls on, at this zoom and reach. */
  handleAt(x: number, y: number, zoom: number, reachPx = HANDLE_REACH_PX): Handle | null {
    const corners = this.corners();
    if (!corners) return null;
    const h = handlesOf(corners, zoom);
    const reach = reachPx / zoom;
    const near = (p: P): boolean => Math.hypot(p[0] - x, p[1] - y) <= reach;
    if (near(h.rotate)) return { kind: 'rotate' };
    const corner = h.corners.findIndex(near);
    if (corner >= 0) return { kind: 'corner', corner: corner as Corner };
    return insidePolygon(corners, x, y) ? { kind: 'inside' } : null;
  }

  /** Shows the selection moved by m (null: where the records are). */
  preview(m: Transform | null): void {
    this.#delta = m;
    this.#view.previewTransform(this.#ids, m);
    this.redraw();
  }

  setLasso(points: readonly P[] | null): void {
    this.#lasso = points ? [...points] : null;
    this.redraw();
  }

  redraw(): void {
    const vt = this.#vt();
    const corners = this.corners();
    this.#overlay.draw(
      { corners, handles: corners ? handlesOf(corners, vt[0]) : null, lasso: this.#lasso },
      vt,
    );
  }

  destroy(): void {
    this.#overlay.destroy();
  }
}

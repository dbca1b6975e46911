import { rotation, scaling, translation, type Transform } from '../../../shared/geometry/matrix';
import type { BoardObject } from '../../../shared/objects/board-object';
import type { Op } from '../../../shared/ops';
import type { Corner, P, Selection } from '../selection';
import { transformOps } from '../selection-actions';
import type { Tool } from './tool';

/** What the select tool needs: board points, hits, the selection, records and an op outlet. */
export interface SelectHost {
  boardPoint(e: PointerEvent): [number, number];
  zoom(): number;
  /** Ids under a circle of board radius r, topmost first. */
  hitTest(x: number, y: number, r: number): string[];
  /** Ids the lasso polygon takes. */
  lassoPick(polygon: readonly P[]): string[];
  record(id: string): BoardObject | undefined;
  selection: Selection;
  emitOp(op: Op): void;
  /** A touch or pen tap (no drag) on the record that alone was picked before the press. */
  tapPicked?(id: string, e: PointerEvent): void;
}

/** How near (CSS pixels) a press must be to a record to pick it: a finger gets more room. */
export const PICK_PX = 6;
export const PICK_TOUCH_PX = 16;
/** How near (CSS pixels) a finger must be to a handle to take it. */
const HANDLE_REACH_TOUCH_PX = 22;
/** A press that moves less than this (CSS pixels) is a click: it changes nothing. */
const DRAG_SLOP_PX = 3;
/** Shift snaps a rotation to steps of this many degrees. */
const ROTATE_SNAP_DEG = 15;
/** A scale never shrinks the selection below this share of its size in one gesture. */
const MIN_SCALE = 0.05;

/** A move's `picked`: the record pressed, when it alone was picked before the press. */
type Gesture =
  | { kind: 'move'; from: P; picked?: string }
  | { kind: 'scale'; anchor: P; corner: P }
  | { kind: 'rotate'; centre: P; start: number }
  | { kind: 'lasso'; points: P[]; additive: boolean; base: readonly string[] };

/**
 * Select: a click picks the record under it (Shift adds or takes away), a drag on a picked
 * record moves the selection, the corner handles scale it (keeping its proportions, around the
 * opposite corner), the round handle turns it, a drag on empty board draws a lasso. A finished
 * move, scale or turn is one patch of the records' transforms.
 */
export function createSelectTool(host: SelectHost): Tool {
  let pointerId: number | null = null;
  let gesture: Gesture | null = null;
  let press: { cx: number; cy: number } | null = null;
  let dragged = false;
  let delta: Transform | null = null;

  function begin(e: PointerEvent): Gesture | null {
    const sel = host.selection;
    const [x, y] = host.boardPoint(e);
    const zoom = host.zoom();
    const touch = e.pointerType === 'touch';
    const handle = sel.handleAt(x, y, zoom, touch ? HANDLE_REACH_TOUCH_PX : undefined);
    const corners = sel.corners();
    if (handle?.kind === 'corner' && corners) {
      const opposite = ((handle.corner + 2) % 4) as Corner;
      return { kind: 'scale', anchor: corners[opposite] as P, corner: corners[handle.corner] as P };
    }
    if (handle?.kind === 'rotate' && corners) {
      const [c0, , c2] = corners as [P, P, P, P];
      const centre: P = [(c0[0] + c2[0]) / 2, (c0[1] + c2[1]) / 2];
      return { kind: 'rotate', centre, start: Math.atan2(y - centre[1], x - centre[0]) };
    }
    const hit = host.hitTest(x, y, (touch ? PICK_TOUCH_PX : PICK_PX) / zoom)[0];
    if (hit !== undefined) {
      if (e.shiftKey) {
        sel.toggle(hit);
        return sel.has(hit) ? { kind: 'move', from: [x, y] } : null;
      }
      const alone = sel.ids.length === 1 && sel.has(hit);
      if (!sel.has(hit)) sel.set([hit]);
      return alone ? { kind: 'move', from: [x, y], picked: hit } : { kind: 'move', from: [x, y] };
    }
    if (handle?.kind === 'inside' && !e.shiftKey) return { kind: 'move', from: [x, y] };
    const base = e.shiftKey ? [...sel.ids] : [];
    if (!e.shiftKey) sel.clear();
    return { kind: 'lasso', points: [[x, y]], additive: e.shiftKey, base };
  }

  function track(e: PointerEvent): void {
    const g = gesture;
    if (!g || !press) return;
    if (!dragged && Math.hypot(e.clientX - press.cx, e.clientY - press.cy) < DRAG_SLOP_PX) return;
    dragged = true;
    const [x, y] = host.boardPoint(e);
    switch (g.kind) {
      case 'move':
        delta = translation(x - g.from[0], y - g.from[1]);
        break;
      case 'scale': {
        const vx = g.corner[0] - g.anchor[0];
        const vy = g.corner[1] - g.anchor[1];
        const len2 = vx * vx + vy * vy;
        if (len2 < 1e-9) return;
        const s = Math.max(MIN_SCALE, ((x - g.anchor[0]) * vx + (y - g.anchor[1]) * vy) / len2);
        delta = scaling(s, s, g.anchor[0], g.anchor[1]);
        break;
      }
      case 'rotate': {
        let deg = ((Math.atan2(y - g.centre[1], x - g.centre[0]) - g.start) * 180) / Math.PI;
        if (e.shiftKey) deg = Math.round(deg / ROTATE_SNAP_DEG) * ROTATE_SNAP_DEG;
        delta = rotation(deg, g.centre[0], g.centre[1]);
        break;
      }
      case 'lasso': {
        const last = g.points[g.points.length - 1] as P;
        if (Math.hypot(x - last[0], y - last[1]) * host.zoom() < 2) return;
        g.points.push([x, y]);
        host.selection.setLasso(g.points);
        return;
      }
    }
    host.selection.preview(delta);
  }

  function finish(e: PointerEvent): void {
    const g = gesture;
    const d = delta;
    gesture = null;
    press = null;
    pointerId = null;
    delta = null;
    const sel = host.selection;
    if (!g) return;
    if (g.kind === 'lasso') {
      sel.setLasso(null);
      if (!dragged || g.points.length < 3) return;
      const picked = host.lassoPick(g.points);
      sel.set(g.additive ? [...g.base, ...picked] : picked);
      return;
    }
    if (!dragged || !d) {
      sel.preview(null);
      // A mouse has its double-click; a finger or a pen taps the picked record again.
      if (!dragged && g.kind === 'move' && g.picked !== undefined && e.pointerType !== 'mouse') {
        host.tapPicked?.(g.picked, e);
      }
      return;
    }
    const records = sel.ids.flatMap((id) => host.record(id) ?? []);
    for (const op of transformOps(records, d)) host.emitOp(op);
    // Drawn from the records again: moved by the op, or back where they were if it was refused.
    sel.preview(null);
  }

  return {
    cursor: 'default',
    down(e) {
      if (pointerId !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
      pointerId = e.pointerId;
      press = { cx: e.clientX, cy: e.clientY };
      dragged = false;
      delta = null;
      gesture = begin(e);
      if (!gesture) pointerId = null;
    },
    move(samples) {
      const e = samples[samples.length - 1];
      if (e && pointerId !== null) track(e);
    },
    up(e) {
      if (e.pointerId !== pointerId) return;
      track(e);
      finish(e);
    },
    cancel() {
      host.selection.setLasso(null);
      host.selection.preview(null);
      gesture = null;
      press = null;
      pointerId = null;
      delta = null;
    },
  };
}

import { applyToPoint, invert } from '../../../shared/geometry/matrix';
import { newId } from '../../../shared/ids';
import { LIMITS } from '../../../shared/limits';
import type { BoardObject } from '../../../shared/objects/board-object';
import type { Point, Stroke } from '../../../shared/objects/stroke';
import type { ReplaceOp } from '../../../shared/ops';
import { linearScale, transformOf } from '../render/record-geometry';
import { cutStroke, type Spot } from '../stroke-cut';
import { ERASER_RADIUS_PX } from './eraser';
import type { Tool, ToolHost } from './tool';

/** What the partial eraser needs beyond a tool's usual host. */
export interface CutHost extends ToolHost {
  /** Ids of strokes (only strokes) touched by a circle of board radius r at (x, y). */
  hitStrokes(x: number, y: number, r: number): string[];
  record(id: string): BoardObject | undefined;
  /** Shows these pieces instead of a stroke while the gesture lasts; null shows it again. */
  showCut(id: string, pieces: readonly Stroke[] | null): void;
}

/** A cut stroke's pieces as new records: new ids, the same style, layer and transform. */
function piecesOf(stroke: Stroke, parts: readonly Point[][]): Stroke[] {
  const out: Stroke[] = [];
  for (const part of parts) {
    // A piece over the per-stroke limit (a huge stroke cut once) goes out in slices.
    for (let i = 0; i < part.length - 1; i += LIMITS.pointsPerStroke - 1) {
      const points = part.slice(i, i + LIMITS.pointsPerStroke);
      if (points.length < 2) continue;
      const { id: _id, points: _points, ...rest } = stroke;
      out.push({ ...rest, id: newId(), points });
    }
  }
  return out;
}

/**
 * One replace op per gesture (split only beyond the per-op limits), each carrying whole strokes
 * with all their pieces, so a cut is never half applied.
 */
export function replaceOps(cuts: readonly { id: string; pieces: Stroke[] }[]): ReplaceOp[] {
  const ops: ReplaceOp[] = [];
  let ids: string[] = [];
  let objects: Stroke[] = [];
  let points = 0;
  for (const cut of cuts) {
    const cutPoints = cut.pieces.reduce((n, p) => n + p.points.length, 0);
    if (
      ids.length > 0 &&
      (ids.length + 1 > LIMITS.idsPerRemoveOp ||
        objects.length + cut.pieces.length > LIMITS.objectsPerAddOp ||
        points + cutPoints > LIMITS.pointsPerOp)
    ) {
      ops.push({ id: newId(), kind: 'replace', ids, objects });
      ids = [];
      objects = [];
      points = 0;
    }
    ids.push(cut.id);
    objects.push(...cut.pieces);
    points += cutPoints;
  }
  if (ids.length > 0) ops.push({ id: newId(), kind: 'replace', ids, objects });
  return ops;
}

/**
 * The partial eraser: cuts strokes where it passes instead of removing them whole. The cut
 * shows while dragging; the release sends one `replace` op (the cut strokes out, their
 * pieces in as new strokes with new ids). Text, shapes, stamps and images are left alone.
 */
export function createPartialEraserTool(host: CutHost): Tool {
  let pointerId: number | null = null;
  /** The eraser's path on the board, and its radius there. */
  let path: Spot[] = [];
  let radius = 0;
  const touched = new Map<string, Stroke>();
  let frame = 0;

  /** The stroke's pieces under the whole path so far, or null if it is untouched. */
  function cut(stroke: Stroke): Stroke[] | null {
    const m = transformOf(stroke);
    const inv = invert(m);
    const s = linearScale(m);
    if (!inv || s === 0) return null;
    const own = path.map(([x, y]) => applyToPoint(inv, x, y));
    const parts = cutStroke(stroke.points, own, radius / s + stroke.size / 2);
    return parts ? piecesOf(stroke, parts) : null;
  }

  function collect(from: Spot, to: Spot): void {
    // Sample the segment densely enough that no stroke slips between two samples.
    const n = Math.max(1, Math.ceil(Math.hypot(to[0] - from[0], to[1] - from[1]) / Math.max(1, radius)));
    for (let k = 0; k <= n; k++) {
      const x = from[0] + ((to[0] - from[0]) * k) / n;
      const y = from[1] + ((to[1] - from[1]) * k) / n;
      for (const id of host.hitStrokes(x, y, radius)) {
        const r = host.record(id);
        if (r?.type === 'stroke' && !touched.has(id)) touched.set(id, r);
      }
    }
  }

  function show(): void {
    frame = 0;
    for (const [id, stroke] of touched) host.showCut(id, cut(stroke));
  }

  function touch(e: PointerEvent): void {
    const p = host.boardPoint(e);
    const last = path[path.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) return;
    path.push(p);
    collect(last ?? p, p);
    frame ||= requestAnimationFrame(show);
  }

  function reset(): void {
    cancelAnimationFrame(frame);
    frame = 0;
    for (const id of touched.keys()) host.showCut(id, null);
    touched.clear();
    path = [];
    pointerId = null;
  }

  return {
    cursor: 'cell',
    down(e) {
      if (pointerId !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
      pointerId = e.pointerId;
      radius = ERASER_RADIUS_PX / host.zoom();
      touch(e);
    },
    move(samples) {
      if (pointerId !== null) for (const e of samples) touch(e);
    },
    up(e) {
      if (e.pointerId !== pointerId) return;
      touch(e);
      const cuts: { id: string; pieces: Stroke[] }[] = [];
      for (const [id, stroke] of touched) {
        const pieces = cut(stroke);
        if (pieces) cuts.push({ id, pieces });
      }
      // Back to the real strokes: the op, applied here at once, swaps in the pieces in this frame.
      reset();
      for (const op of replaceOps(cuts)) host.emitOp(op);
    },
    cancel() {
      reset();
    },
  };
}

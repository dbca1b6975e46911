import { multiply, translation } from '../../shared/geometry/matrix';
import { newId } from '../../shared/ids';
import { LIMITS } from '../../shared/limits';
import type { BoardObject } from '../../shared/objects/board-object';
import type { Transform } from '../../shared/objects/placement';
import type { Op, PatchOp } from '../../shared/ops';
import { recordPoints } from '../../shared/op-points';
import { addOps, patchOps, removeOps } from '../state/op-chunks';
import { transformOf } from './render/record-geometry';

/** What the selection's buttons and keys do. */
export const SELECTION_ACTIONS = {
  duplicate: 'duplicate',
  delete: 'delete',
  front: 'front',
  back: 'back',
} as const;
export type SelectionAction = (typeof SELECTION_ACTIONS)[keyof typeof SELECTION_ACTIONS];

/** A duplicate lands this far (board units) right of and below its original. */
export const DUPLICATE_OFFSET = 40;

/**
 * Transform entries as sent: the linear part to 6 decimals (a turn of a 20,000-unit board stays
 * within a hundredth of a unit), the translation to 2. Keeps ops small and values exact to type.
 */
export function roundTransform(m: Readonly<Transform>): Transform {
  const r = (v: number, digits: number): number => {
    const p = 10 ** digits;
    const out = Math.round(v * p) / p;
    return Object.is(out, -0) ? 0 : out;
  };
  return [r(m[0], 6), r(m[1], 6), r(m[2], 6), r(m[3], 6), r(m[4], 2), r(m[5], 2)];
}

/**
 * The patch for a finished move, scale or rotation: each record's new transform is the
 * gesture's matrix times its old one (M' = D · M; strokes too: their points never change).
 * One op per gesture, split only beyond the per-op limit.
 */
export function transformOps(records: readonly BoardObject[], d: Readonly<Transform>): PatchOp[] {
  const patches = records.map((r) => ({
    id: r.id,
    set: { transform: roundTransform(multiply(d, transformOf(r))) },
  }));
  const points = new Map(records.map((r) => [r.id, recordPoints(r)] as const));
  return patchOps(patches, (id) => points.get(id) ?? 0);
}

/** Copies with new ids, moved by the duplicate offset. */
export function duplicates(records: readonly BoardObject[]): BoardObject[] {
  const shift = translation(DUPLICATE_OFFSET, DUPLICATE_OFFSET);
  return records.map((r) => ({
    ...r,
    id: newId(),
    transform: roundTransform(multiply(shift, transformOf(r))),
  }));
}

/**
 * The ops of a selection action on records given in paint order (bottom first), and what is
 * selected afterwards: the copies after a duplicate, nothing after a delete.
 */
export function selectionOps(
  action: SelectionAction,
  records: readonly BoardObject[],
): { ops: Op[]; select: string[] } {
  const ids = records.map((r) => r.id);
  if (records.length === 0) return { ops: [], select: [] };
  switch (action) {
    case 'duplicate': {
      const copies = duplicates(records);
      return { ops: addOps(copies), select: copies.map((c) => c.id) };
    }
    case 'delete':
      return { ops: removeOps(ids), select: [] };
    case 'front':
    case 'back': {
      const ops: Op[] = [];
      for (let i = 0; i < ids.length; i += LIMITS.idsPerRemoveOp) {
        ops.push({ id: newId(), kind: 'reorder', ids: ids.slice(i, i + LIMITS.idsPerRemoveOp), to: action });
      }
      // Each op stacks its ids on top of (or under) the last: to the back, the last chunk goes first.
      return { ops: action === 'back' ? ops.reverse() : ops, select: ids };
    }
  }
}

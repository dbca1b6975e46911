import { newId } from '../../shared/ids';
import { LIMITS } from '../../shared/limits';
import type { BoardObject } from '../../shared/objects/board-object';
import type { AddOp, RemoveOp } from '../../shared/ops';

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Add ops within the per-op limit (an undone eraser sweep may bring back hundreds of strokes). */
export function addOps(objects: readonly BoardObject[]): AddOp[] {
  return chunks(objects, LIMITS.objectsPerAddOp).map((part) => ({ id: newId(), kind: 'add', objects: part }));
}

export function removeOps(ids: readonly string[]): RemoveOp[] {
  return chunks(ids, LIMITS.idsPerRemoveOp).map((part) => ({ id: newId(), kind: 'remove', ids: part }));
}

import { newId } from '../../shared/ids';
import { LIMITS } from '../../shared/limits';
import type { BoardObject } from '../../shared/objects/board-object';
import type { AddOp, RemoveOp, ReplaceOp } from '../../shared/ops';

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

/** Replace ops within both per-op limits: one op unless a very large undo needs more. */
export function replaceOps(ids: readonly string[], objects: readonly BoardObject[]): ReplaceOp[] {
  const idParts = chunks(ids, LIMITS.idsPerRemoveOp);
  const objectParts = chunks(objects, LIMITS.objectsPerAddOp);
  const n = Math.max(idParts.length, objectParts.length);
  return Array.from({ length: n }, (_, i) => ({
    id: newId(),
    kind: 'replace',
    ids: idParts[i] ?? [],
    objects: objectParts[i] ?? [],
  }));
}

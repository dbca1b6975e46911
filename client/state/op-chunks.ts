import { newId } from '../../shared/ids';
import { LIMITS } from '../../shared/limits';
import type { BoardObject } from '../../shared/objects/board-object';
import { recordPoints } from '../../shared/op-points';
import type { AddOp, PatchOp, RemoveOp, ReplaceOp } from '../../shared/ops';

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs of at most `size` items whose weights add up to at most `budget` (the server refuses an
 * op past LIMITS.pointsPerOp); an item heavier than the budget on its own goes alone.
 */
function weighedChunks<T>(
  items: readonly T[],
  size: number,
  budget: number,
  weight: (item: T) => number,
): T[][] {
  const out: T[][] = [];
  let part: T[] = [];
  let sum = 0;
  for (const item of items) {
    const w = weight(item);
    if (part.length > 0 && (part.length >= size || sum + w > budget)) {
      out.push(part);
      part = [];
      sum = 0;
    }
    part.push(item);
    sum += w;
  }
  if (part.length > 0) out.push(part);
  return out;
}

function objectChunks(objects: readonly BoardObject[]): BoardObject[][] {
  return weighedChunks(objects, LIMITS.objectsPerAddOp, LIMITS.pointsPerOp, recordPoints);
}

/** Add ops within the per-op limits (an undone eraser sweep may bring back hundreds of strokes). */
export function addOps(objects: readonly BoardObject[]): AddOp[] {
  return objectChunks(objects).map((part) => ({ id: newId(), kind: 'add', objects: part }));
}

export function removeOps(ids: readonly string[]): RemoveOp[] {
  return chunks(ids, LIMITS.idsPerRemoveOp).map((part) => ({ id: newId(), kind: 'remove', ids: part }));
}

/** Replace ops within the per-op limits: one op unless a very large undo needs more. */
export function replaceOps(ids: readonly string[], objects: readonly BoardObject[]): ReplaceOp[] {
  const idParts = chunks(ids, LIMITS.idsPerRemoveOp);
  const objectParts = objectChunks(objects);
  const n = Math.max(idParts.length, objectParts.length);
  return Array.from({ length: n }, (_, i) => ({
    id: newId(),
    kind: 'replace',
    ids: idParts[i] ?? [],
    objects: objectParts[i] ?? [],
  }));
}

/**
 * Patch ops within the per-op limits. The server stores a patched record whole again, so a
 * patch weighs the points of the record it changes (`pointsOf`), as it counts them there.
 */
export function patchOps(patches: PatchOp['patches'], pointsOf: (id: string) => number): PatchOp[] {
  return weighedChunks(patches, LIMITS.patchesPerOp, LIMITS.pointsPerOp, (p) => pointsOf(p.id)).map(
    (part) => ({
      id: newId(),
      kind: 'patch',
      patches: part,
    }),
  );
}

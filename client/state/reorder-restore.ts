import { LIMITS } from '../../shared/limits';
import type { Layer } from '../../shared/presets';
import type { ReorderOp, ReorderTo } from '../../shared/ops';
import { newId } from '../../shared/ids';

/**
 * Undoing "bring to front" / "send to back" exactly. A reorder can only stack ids at one end,
 * so the old order comes back by stacking a longer list: after `front(S)`, moving every id that
 * stood at or after the first of S (in its old order) to the front again restores the old
 * order; after `back(S)`, moving every id up to the last of S to the back does. Only the layers
 * of S matter (layers paint apart), so only their ids are taken.
 *
 * This is the list, from the order before the reorder; null when it is more than one op may
 * carry (then undo falls back to stacking S at the other end, which is close but not exact).
 */
export function restoreIds(
  order: readonly string[],
  ids: readonly string[],
  to: ReorderTo,
  layerOf: (id: string) => Layer | undefined,
): string[] | null {
  const moved = new Set(ids);
  const layers = new Set(ids.map(layerOf));
  const indices = order.flatMap((id, i) => (moved.has(id) ? [i] : []));
  if (indices.length === 0) return [];
  const span = to === 'front' ? order.slice(Math.min(...indices)) : order.slice(0, Math.max(...indices) + 1);
  const out = span.filter((id) => layers.has(layerOf(id)));
  return out.length <= LIMITS.idsPerRemoveOp ? out : null;
}

/**
 * The reorder op that takes a reorder back, given the list from `restoreIds` and the board's
 * order now. Ids stacked at the same end since (new records on top; records sent to the back
 * by someone else) stay where they are. Null when nothing of it is left.
 */
export function undoReorderOp(
  ids: readonly string[],
  to: ReorderTo,
  restore: readonly string[] | null,
  order: readonly string[],
  layerOf: (id: string) => Layer | undefined,
): ReorderOp | null {
  const present = new Set(order);
  const moved = ids.filter((id) => present.has(id));
  if (moved.length === 0) return null;
  const other: ReorderTo = to === 'front' ? 'back' : 'front';
  if (restore === null) return { id: newId(), kind: 'reorder', ids: moved, to: other };
  const kept = restore.filter((id) => present.has(id));
  const inList = new Set(kept);
  const layers = new Set(moved.map(layerOf));
  const positions = moved.map((id) => order.indexOf(id));
  const since =
    to === 'front' ? order.slice(Math.max(...positions) + 1) : order.slice(0, Math.min(...positions));
  const newcomers = since.filter((id) => !inList.has(id) && layers.has(layerOf(id)));
  const list = to === 'front' ? [...kept, ...newcomers] : [...newcomers, ...kept];
  if (list.length === 0) return null;
  if (list.length > LIMITS.idsPerRemoveOp) return { id: newId(), kind: 'reorder', ids: moved, to: other };
  return { id: newId(), kind: 'reorder', ids: list, to };
}

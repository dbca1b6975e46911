import type { BoardObject } from './objects/board-object';

/** Points of a record (strokes hold them; every other kind none). */
export function recordPoints(record: BoardObject): number {
  return record.type === 'stroke' ? record.points.length : 0;
}

/** What an op carries in points: its new records' and any points a patch sets. */
export function carriedPoints(op: {
  kind: string;
  objects?: readonly BoardObject[];
  patches?: readonly { set: Record<string, unknown> }[];
}): number {
  let n = 0;
  for (const o of op.objects ?? []) n += recordPoints(o);
  for (const { set } of op.patches ?? []) if (Array.isArray(set['points'])) n += set['points'].length;
  return n;
}

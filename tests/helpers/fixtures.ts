import { newId } from '../../shared/ids';
import type { Stroke } from '../../shared/objects/stroke';
import type { AddOp, RemoveOp } from '../../shared/ops';

/** A deterministic little stroke: a diagonal from (x, y), n points. */
export function makeStroke(x: number, y: number, n = 8, id = newId()): Stroke {
  const points: Stroke['points'] = [];
  for (let i = 0; i < n; i++) points.push([x + i * 10, y + i * 5, 0.5]);
  return {
    id,
    type: 'stroke',
    tool: 'pen',
    color: '#1f2328',
    size: 10,
    opacity: 1,
    simulatePressure: true,
    points,
  };
}

export function addOp(...objects: Stroke[]): AddOp {
  return { id: newId(), kind: 'add', objects };
}

export function removeOp(...ids: string[]): RemoveOp {
  return { id: newId(), kind: 'remove', ids };
}

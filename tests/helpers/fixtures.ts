import { newId } from '../../shared/ids';
import type { BoardObject } from '../../shared/objects/board-object';
import type { ShapeRecord } from '../../shared/objects/shape';
import type { StampRecord } from '../../shared/objects/stamp';
import type { Stroke } from '../../shared/objects/stroke';
import type { TextRecord } from '../../shared/objects/text';
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

export function addOp(...objects: BoardObject[]): AddOp {
  return { id: newId(), kind: 'add', objects };
}

export function removeOp(...ids: string[]): RemoveOp {
  return { id: newId(), kind: 'remove', ids };
}

export function makeText(id: string, text: string, x = 100, y = 100): TextRecord {
  return {
    id,
    type: 'text',
    text,
    fontSize: 72,
    color: '#1f2328',
    bold: true,
    w: 1200,
    h: 100,
    transform: [1, 0, 0, 1, x, y],
  };
}

export function makeShape(id: string, shape: ShapeRecord['shape'], x = 100, y = 100): ShapeRecord {
  return {
    id,
    type: 'shape',
    shape,
    stroke: '#1c7ed6',
    fill: null,
    strokeWidth: 12,
    flipX: false,
    flipY: false,
    bend: 0,
    w: 400,
    h: 240,
    transform: [1, 0, 0, 1, x, y],
  };
}

export function makeStamp(id: string, stamp: string, x = 100, y = 100): StampRecord {
  return { id, type: 'stamp', stamp, color: '#2f9e44', w: 300, h: 300, transform: [1, 0, 0, 1, x, y] };
}

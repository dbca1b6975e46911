import { strokeBounds } from './outline';
import { shapeBounds } from './shapes';
import { transformBounds, type Bounds } from './matrix';
import type { BoardObject } from '../objects/board-object';
import { IDENTITY, type Transform } from '../objects/placement';

/** Where a record sits, for every record kind: its own bounds, then through its transform. */

export function transformOf(record: BoardObject): Transform {
  return record.transform ?? IDENTITY;
}

/** Everything the record paints, in its own coordinates (before its transform). */
export function ownBounds(record: BoardObject): Bounds {
  switch (record.type) {
    case 'stroke':
      return strokeBounds(record);
    case 'shape':
      return shapeBounds(record);
    case 'text':
    case 'stamp':
    case 'image':
      return { minX: 0, minY: 0, maxX: record.w, maxY: record.h };
  }
}

/** Axis-aligned bounds on the board (all four transformed corners count). */
export function boardBounds(record: BoardObject): Bounds {
  const b = ownBounds(record);
  return transformBounds(transformOf(record), b.minX, b.minY, b.maxX, b.maxY);
}

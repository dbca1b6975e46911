import { strokePath } from '../geometry/outline';
import { layerIndex } from '../layers';
import type { BoardObject } from '../objects/board-object';
import { IDENTITY, type Transform } from '../objects/placement';

/**
 * What a record looks like, as plain drawing primitives in board units. The exporters (SVG,
 * PDF, PNG) draw these and nothing else, so every output shows what the board showed.
 */
export type Primitive = {
  kind: 'path';
  d: string;
  fill: string | null;
  stroke: string | null;
  strokeWidth: number;
  opacity: number;
  transform: Transform;
};

export function objectPrimitives(object: BoardObject): Primitive[] {
  switch (object.type) {
    case 'stroke': {
      const d = strokePath(object);
      if (d === '') return [];
      return [
        {
          kind: 'path',
          d,
          fill: object.color,
          stroke: null,
          strokeWidth: 0,
          opacity: object.opacity,
          transform: IDENTITY,
        },
      ];
    }
  }
}

/** Paint order: by layer (template, shadow, ink), then the board's own order within a layer. */
export function paintOrder<T extends BoardObject>(objects: readonly T[]): T[] {
  return objects
    .map((o, i) => ({ o, i, layer: layerIndex(o) }))
    .sort((a, b) => a.layer - b.layer || a.i - b.i)
    .map((x) => x.o);
}

import { distanceToSegmentSq, polylineHit } from '../../../shared/geometry/hit-test';
import { applyToPoint, invert } from '../../../shared/geometry/matrix';
import { curveControl, lineEnds } from '../../../shared/geometry/shapes';
import type { BoardObject } from '../../../shared/objects/board-object';
import type { Transform } from '../../../shared/objects/placement';
import { boardBounds, ownBounds, transformOf } from '../../../shared/geometry/record-bounds';
import type { ShapeRecord } from '../../../shared/objects/shape';

/**
 * Where a record sits and what a pointer touches, for every record kind: bounds in the
 * record's own coordinates, then through its transform (shared/geometry/matrix.ts).
 */

export { boardBounds, ownBounds, transformOf };

/** The record's own box through its transform: four board points, top-left first, clockwise. */
export function boardCorners(record: BoardObject): [number, number][] {
  const b = ownBounds(record);
  const m = transformOf(record);
  return [
    applyToPoint(m, b.minX, b.minY),
    applyToPoint(m, b.maxX, b.minY),
    applyToPoint(m, b.maxX, b.maxY),
    applyToPoint(m, b.minX, b.maxY),
  ];
}

/** How many board units one own unit is, on average (for radii under a transform). */
export function linearScale(m: Readonly<Transform>): number {
  const det = Math.abs(m[0] * m[3] - m[1] * m[2]);
  return det > 1e-12 ? Math.sqrt(det) : 0;
}

/** A board point in the record's own coordinates, and a board radius there; null if singular. */
export function toOwn(record: BoardObject, x: number, y: number, r: number): [number, number, number] | null {
  const m = transformOf(record);
  const inv = invert(m);
  const s = linearScale(m);
  if (!inv || s === 0) return null;
  const [ox, oy] = applyToPoint(inv, x, y);
  return [ox, oy, r / s];
}

function lineHit(record: ShapeRecord, x: number, y: number, r: number): boolean {
  const { from, to } = lineEnds(record);
  const reach = record.strokeWidth / 2 + r;
  if (record.shape !== 'curvedArrow' || record.bend === 0) {
    return distanceToSegmentSq(x, y, from[0], from[1], to[0], to[1]) <= reach * reach;
  }
  // A quadratic from `from` to `to` around its control point, as a 16-piece polyline.
  const c = curveControl(from, to, record.bend);
  const pts: [number, number, number][] = [];
  for (let i = 0; i <= 16; i++) {
    const t = i / 16;
    const u = 1 - t;
    pts.push([
      u * u * from[0] + 2 * u * t * c[0] + t * t * to[0],
      u * u * from[1] + 2 * u * t * c[1] + t * t * to[1],
      0.5,
    ]);
  }
  return polylineHit(pts, record.strokeWidth, x, y, r);
}

/**
 * Whether a circle of board radius r at board (x, y) touches the record: a stroke along its
 * polyline, a line or an arrow along its shaft, everything else anywhere in its box.
 */
export function hitsRecord(record: BoardObject, x: number, y: number, r: number): boolean {
  const own = toOwn(record, x, y, r);
  if (!own) return false;
  const [ox, oy, or] = own;
  switch (record.type) {
    case 'stroke':
      return polylineHit(record.points, record.size, ox, oy, or);
    case 'shape':
      if (record.shape === 'line' || record.shape === 'arrow' || record.shape === 'curvedArrow') {
        return lineHit(record, ox, oy, or);
      }
      break;
    default:
      break;
  }
  const b = ownBounds(record);
  return ox >= b.minX - or && ox <= b.maxX + or && oy >= b.minY - or && oy <= b.maxY + or;
}

/** Even-odd point-in-polygon test (the lasso). */
export function insidePolygon(poly: readonly (readonly [number, number])[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i] as readonly [number, number];
    const [xj, yj] = poly[j] as readonly [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Whether a lasso takes the record: the centre of its board bounds lies inside, or (a stroke)
 * any of its points does.
 */
export function lassoTakes(record: BoardObject, poly: readonly (readonly [number, number])[]): boolean {
  const b = boardBounds(record);
  if (insidePolygon(poly, (b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2)) return true;
  if (record.type !== 'stroke') return false;
  const m = transformOf(record);
  return record.points.some(([px, py]) => {
    const [x, y] = applyToPoint(m, px, py);
    return insidePolygon(poly, x, y);
  });
}

import type { Point, StrokeStyle } from '../../shared/objects/stroke';
import type { BoardObject } from '../../shared/objects/board-object';
import type { PenTool } from '../../shared/presets';

/**
 * Builders for raw (untrusted) inputs. They return plain `Record<string, unknown>` on purpose:
 * the tables below feed them broken on purpose, which the real types would not allow.
 */
export function rawStroke(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 's1',
    type: 'stroke',
    tool: 'pen',
    color: '#1f2328',
    size: 10,
    opacity: 1,
    simulatePressure: false,
    points: [
      [10, 20, 0.5],
      [30, 40, 0.6],
    ],
    ...overrides,
  };
}

export function rawAdd(
  objects: unknown[] = [rawStroke()],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return { id: 'op1', kind: 'add', objects, ...overrides };
}

export function rawRemove(
  ids: unknown[] = ['s1'],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return { id: 'op1', kind: 'remove', ids, ...overrides };
}

export function repeat<T>(n: number, make: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => make(i));
}

/** A valid stroke record, typed, for planOp and geometry. */
export function stroke(
  id: string,
  overrides: Partial<Extract<BoardObject, { type: 'stroke' }>> = {},
): BoardObject {
  return {
    id,
    type: 'stroke',
    tool: 'pen',
    color: '#1f2328',
    size: 10,
    opacity: 1,
    simulatePressure: false,
    points: [
      [0, 0, 0.5],
      [100, 0, 0.5],
    ],
    ...overrides,
  };
}

export function style(tool: PenTool, simulatePressure = false, size = 10): StrokeStyle {
  return { tool, color: '#1f2328', size, opacity: 1, simulatePressure };
}

/** Named point sequences the geometry tests draw with every pen. */
export const POINT_FIXTURES: Readonly<Record<string, readonly Point[]>> = {
  singlePoint: [[100, 100, 0.5]],
  twoIdenticalPoints: [
    [100, 100, 0.5],
    [100, 100, 0.5],
  ],
  manyIdenticalPoints: repeat(12, (): Point => [100, 100, 0.5]),
  straightLine: repeat(20, (i): Point => [i * 10, 50, 0.5]),
  diagonalLine: repeat(20, (i): Point => [i * 7, i * 7, 0.5]),
  zigzag: repeat(20, (i): Point => [i * 10, (i % 2) * 30, 0.5]),
  pressureZero: repeat(10, (i): Point => [i * 15, 0, 0]),
  pressureOne: repeat(10, (i): Point => [i * 15, 0, 1]),
  pressureRamp: repeat(11, (i): Point => [i * 15, 0, i / 10]),
  hairpin: [
    [0, 0, 0.5],
    [100, 0, 0.5],
    [0, 1, 0.5],
  ],
  negativeCoordinates: repeat(8, (i): Point => [-10_000 + i * 20, -10_000, 0.5]),
  farCorner: repeat(8, (i): Point => [30_000 - i * 20, 30_000, 0.5]),
};

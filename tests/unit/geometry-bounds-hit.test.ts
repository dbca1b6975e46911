import { describe, expect, it } from 'vitest';
import { distanceToSegmentSq, polylineHit } from '../../shared/geometry/hit-test';
import { strokeBounds, strokeOutline } from '../../shared/geometry/outline';
import type { Point } from '../../shared/objects/stroke';
import { PEN_TOOLS, type PenTool } from '../../shared/presets';
import { POINT_FIXTURES, style } from './fixtures';

describe('strokeBounds', () => {
  // The reach is size * (0.5 + thinning / 2) + 2: the full-pressure radius plus room for perfect-freehand's dot.
  it.each([
    [
      'a highlighter dot (no thinning)',
      'highlighter',
      [[100, 100, 0.5]],
      10,
      { minX: 93, minY: 93, maxX: 107, maxY: 107 },
    ],
    [
      'two identical points with the pen (thinning 0.6)',
      'pen',
      [
        [100, 100, 0.5],
        [100, 100, 0.5],
      ],
      10,
      { minX: 90, minY: 90, maxX: 110, maxY: 110 },
    ],
    [
      'a diagonal with the shadow pen (thinning 0.1)',
      'shadow',
      [
        [0, 0, 0],
        [50, 80, 1],
      ],
      20,
      { minX: -13, minY: -13, maxX: 63, maxY: 93 },
    ],
    [
      'points in any order, tool unknown (assumes the most thinning pen)',
      undefined,
      [
        [50, -5, 0.5],
        [-20, 30, 0.5],
        [10, 10, 0.5],
      ],
      10,
      { minX: -30, minY: -15, maxX: 60, maxY: 40 },
    ],
  ] as [string, PenTool | undefined, Point[], number, ReturnType<typeof strokeBounds>][])(
    '%s',
    (_what, tool, points, size, expected) => {
      expect(strokeBounds({ points, size, tool })).toEqual(expected);
    },
  );

  // Found by this test: bounds of size / 2 cut off full-pressure pen strokes by up to 0.3 * size.
  it('contains the drawn outline of every fixture with every pen (what culling relies on)', () => {
    for (const tool of Object.values(PEN_TOOLS)) {
      for (const simulatePressure of [false, true]) {
        for (const points of Object.values(POINT_FIXTURES)) {
          const size = 24;
          for (const b of [
            strokeBounds({ points: [...points], size, tool }),
            strokeBounds({ points: [...points], size }),
          ]) {
            for (const [x, y] of strokeOutline(style(tool, simulatePressure, size), points)) {
              expect(x).toBeGreaterThanOrEqual(b.minX);
              expect(x).toBeLessThanOrEqual(b.maxX);
              expect(y).toBeGreaterThanOrEqual(b.minY);
              expect(y).toBeLessThanOrEqual(b.maxY);
            }
          }
        }
      }
    }
  });
});

describe('distanceToSegmentSq', () => {
  it.each([
    ['a point on the segment', [5, 0, 0, 0, 10, 0], 0],
    ['a point above the middle', [5, 3, 0, 0, 10, 0], 9],
    ['a point beyond the end clamps to the end', [13, 4, 0, 0, 10, 0], 25],
    ['a point before the start clamps to the start', [-3, -4, 0, 0, 10, 0], 25],
    ['a zero-length segment is a point', [3, 4, 1, 1, 1, 1], 13],
    ['a diagonal segment', [0, 10, 0, 0, 10, 10], 50],
  ] as [string, [number, number, number, number, number, number], number][])(
    '%s',
    (_what, args, expected) => {
      expect(distanceToSegmentSq(...args)).toBeCloseTo(expected, 10);
    },
  );
});

describe('polylineHit (the whole-stroke eraser)', () => {
  const line: Point[] = [
    [0, 0, 0.5],
    [100, 0, 0.5],
    [100, 100, 0.5],
  ];

  it.each([
    ['on the line', 50, 0, 1, true],
    ['just inside the half width plus radius', 50, 9, 4, true],
    ['exactly at the reach', 50, 10, 5, true],
    ['just outside the reach', 50, 10.01, 5, false],
    ['near the corner, on the second segment', 104, 50, 0, true],
    ['inside the elbow, far from both segments', 50, 50, 5, false],
    ['past the end', 100, 120, 5, false],
    ['before the start, within reach of the cap', -8, 0, 4, true],
  ] as [string, number, number, number, boolean][])('%s', (_what, x, y, r, expected) => {
    // width 10: the stroke reaches 5 units either side of its polyline.
    expect(polylineHit(line, 10, x, y, r)).toBe(expected);
  });

  it('hits a single-point stroke (a dot) by distance to the point', () => {
    const dot: Point[] = [[10, 10, 0.5]];
    expect(polylineHit(dot, 10, 13, 14, 0)).toBe(true);
    expect(polylineHit(dot, 10, 14, 14, 0)).toBe(false);
  });

  it('never hits a stroke without points', () => {
    expect(polylineHit([], 10, 0, 0, 100)).toBe(false);
  });
});

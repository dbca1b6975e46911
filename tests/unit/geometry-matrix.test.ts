import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IDENTITY,
  applyToPoint,
  approxEqual,
  invert,
  multiply,
  rotation,
  scaling,
  toSvgMatrix,
  transformBounds,
  translation,
  type Transform,
} from '../../shared/geometry/matrix';

const RUNS = { seed: 20_231_116, numRuns: 300 } as const;

/** Transforms a recorder can make: any move, rotation, and scale between 1/20 and 20 (mirrors too). */
const FIXTURES: [string, Transform][] = [
  ['identity', [1, 0, 0, 1, 0, 0]],
  ['a move', translation(1200, -340)],
  ['a uniform scale about a point', scaling(2.5, 2.5, 400, 300)],
  ['a mirror', scaling(-1, 1, 50, 0)],
  ['a quarter turn about a point', rotation(90, 100, 100)],
  ['30° then a move', multiply(translation(500, 20), rotation(30))],
  ['a skew-like product', multiply(scaling(3, 0.5), rotation(-45, 10, 10))],
  ['a large board offset', [0.05, 0, 0, 0.05, 19_000, 19_000]],
];

describe('applyToPoint and the builders', () => {
  it('uses SVG/canvas order: x = a·x + c·y + e, y = b·x + d·y + f', () => {
    expect(applyToPoint([1, 2, 3, 4, 5, 6], 10, 100)).toEqual([1 * 10 + 3 * 100 + 5, 2 * 10 + 4 * 100 + 6]);
  });

  it('translation moves by (dx, dy)', () => {
    expect(applyToPoint(translation(7, -3), 1, 1)).toEqual([8, -2]);
  });

  it('scaling keeps its centre in place', () => {
    const m = scaling(3, 0.5, 40, 60);
    expect(applyToPoint(m, 40, 60)).toEqual([40, 60]);
    expect(applyToPoint(m, 50, 70)).toEqual([70, 65]);
  });

  it('rotation turns clockwise on screen (y down), exactly at right angles', () => {
    expect(rotation(90)).toEqual([0, 1, -1, 0, 0, 0]);
    expect(applyToPoint(rotation(90), 10, 0)).toEqual([0, 10]);
    expect(applyToPoint(rotation(180, 50, 50), 60, 50)).toEqual([40, 50]);
    expect(applyToPoint(rotation(-90, 50, 50), 50, 40)).toEqual([40, 50]);
    expect(rotation(360)).toEqual(IDENTITY);
    const [x, y] = applyToPoint(rotation(45), 10, 0);
    expect(x).toBeCloseTo(Math.SQRT1_2 * 10, 12);
    expect(y).toBeCloseTo(Math.SQRT1_2 * 10, 12);
  });

  it('rotation keeps its centre in place', () => {
    const [x, y] = applyToPoint(rotation(37, 120, -45), 120, -45);
    expect(x).toBeCloseTo(120, 9);
    expect(y).toBeCloseTo(-45, 9);
  });
});

describe('multiply', () => {
  it('m1·m2 applies m2 first (like fabric.util.multiplyTransformMatrices)', () => {
    const m = multiply(translation(100, 0), scaling(2, 2));
    expect(applyToPoint(m, 1, 1)).toEqual([102, 2]);
    const n = multiply(scaling(2, 2), translation(100, 0));
    expect(applyToPoint(n, 1, 1)).toEqual([202, 2]);
  });

  it('matches applying the two in turn, for any pair of fixtures', () => {
    for (const [, m1] of FIXTURES) {
      for (const [, m2] of FIXTURES) {
        const [x1, y1] = applyToPoint(m2, 13, -7);
        const [ex, ey] = applyToPoint(m1, x1, y1);
        const [x, y] = applyToPoint(multiply(m1, m2), 13, -7);
        expect(x).toBeCloseTo(ex, 6);
        expect(y).toBeCloseTo(ey, 6);
      }
    }
  });

  it('has the identity as its neutral element', () => {
    for (const [, m] of FIXTURES) {
      expect(multiply(m, IDENTITY)).toEqual(m);
      expect(multiply(IDENTITY, m)).toEqual(m);
    }
  });
});

describe('invert', () => {
  it.each(FIXTURES)('%s: m·inv(m) ≈ I and inv(m)·m ≈ I', (_name, m) => {
    const inv = invert(m);
    expect(inv).not.toBeNull();
    expect(approxEqual(multiply(m, inv as Transform), IDENTITY, 1e-9)).toBe(true);
    expect(approxEqual(multiply(inv as Transform, m), IDENTITY, 1e-9)).toBe(true);
  });

  it('round-trips a point', () => {
    const m = multiply(translation(-300, 80), multiply(rotation(33, 5, 5), scaling(1.7, 0.4)));
    const inv = invert(m) as Transform;
    const [x, y] = applyToPoint(inv, ...applyToPoint(m, 123.4, -56.7));
    expect(x).toBeCloseTo(123.4, 9);
    expect(y).toBeCloseTo(-56.7, 9);
  });

  it('returns null for singular or non-finite matrices, never NaN', () => {
    expect(invert([0, 0, 0, 0, 10, 10])).toBeNull();
    expect(invert(scaling(0, 1))).toBeNull();
    expect(invert([1, 2, 2, 4, 0, 0])).toBeNull(); // rows in proportion: a line, not a plane
    expect(invert([1e-7, 0, 0, 1e-7, 0, 0])).toBeNull();
    expect(invert([Number.NaN, 0, 0, 1, 0, 0])).toBeNull();
    expect(invert([Infinity, 0, 0, 1, 0, 0])).toBeNull();
  });

  it('property: any invertible product of builders round-trips (fixed seed)', () => {
    const builder = fc.oneof(
      fc
        .tuple(
          fc.double({ min: -1e4, max: 1e4, noNaN: true }),
          fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        )
        .map(([x, y]) => translation(x, y)),
      fc
        .tuple(
          fc.double({ min: -720, max: 720, noNaN: true }),
          fc.double({ min: -1e3, max: 1e3, noNaN: true }),
          fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        )
        .map(([deg, cx, cy]) => rotation(deg, cx, cy)),
      fc
        .tuple(
          fc.double({ min: 0.05, max: 20, noNaN: true }),
          fc.double({ min: 0.05, max: 20, noNaN: true }),
          fc.boolean(),
        )
        .map(([sx, sy, mirror]) => scaling(mirror ? -sx : sx, sy)),
    );
    fc.assert(
      fc.property(fc.array(builder, { minLength: 1, maxLength: 4 }), (parts) => {
        const m = parts.reduce((acc, p) => multiply(p, acc), IDENTITY);
        const inv = invert(m);
        expect(inv).not.toBeNull();
        const [x, y] = applyToPoint(inv as Transform, ...applyToPoint(m, 321, -123));
        expect(Math.abs(x - 321)).toBeLessThan(1e-3);
        expect(Math.abs(y + 123)).toBeLessThan(1e-3);
        expect((inv as Transform).every(Number.isFinite)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('transformBounds', () => {
  it('is the box itself for the identity', () => {
    expect(transformBounds(IDENTITY, 10, 20, 30, 40)).toEqual({ minX: 10, minY: 20, maxX: 30, maxY: 40 });
  });

  it('counts all four corners of a rotated box', () => {
    const b = transformBounds(rotation(45, 50, 50), 0, 0, 100, 100);
    const half = 50 * Math.SQRT2;
    expect(b.minX).toBeCloseTo(50 - half, 9);
    expect(b.maxX).toBeCloseTo(50 + half, 9);
    expect(b.minY).toBeCloseTo(50 - half, 9);
    expect(b.maxY).toBeCloseTo(50 + half, 9);
  });

  it('orders a mirrored box', () => {
    expect(transformBounds(scaling(-2, 1), 0, 0, 10, 5)).toEqual({ minX: -20, minY: 0, maxX: 0, maxY: 5 });
  });

  it('matches a snapshot over the fixtures', () => {
    const rounded = FIXTURES.map(([name, m]) => {
      const b = transformBounds(m, 0, 0, 200, 100);
      return [name, Object.values(b).map((v) => Math.round(v * 1000) / 1000)];
    });
    expect(rounded).toMatchSnapshot();
  });
});

describe('toSvgMatrix', () => {
  it('writes matrix(a b c d e f) with rounded plain decimals', () => {
    expect(toSvgMatrix(IDENTITY)).toBe('matrix(1 0 0 1 0 0)');
    expect(toSvgMatrix(rotation(30, 10, 10))).toBe('matrix(0.866025 0.5 -0.5 0.866025 6.34 -3.66)');
    expect(toSvgMatrix([1e-9, -0, 0, 1, 1e-7, -1e-9])).toBe('matrix(0 0 0 1 0 0)');
    expect(toSvgMatrix([Number.NaN, 0, 0, 1, Infinity, 0])).toBe('matrix(0 0 0 1 0 0)');
  });

  it('snapshot of the fixtures', () => {
    expect(FIXTURES.map(([name, m]) => `${name}: ${toSvgMatrix(m)}`)).toMatchSnapshot();
  });

  it('never prints exponents or NaN (fixed seed)', () => {
    const entry = fc.double({ min: -1e6, max: 1e6 });
    fc.assert(
      fc.property(fc.tuple(entry, entry, entry, entry, entry, entry), (m) => {
        expect(toSvgMatrix(m)).toMatch(/^matrix\((-?\d+(\.\d+)? ){5}-?\d+(\.\d+)?\)$/);
      }),
      RUNS,
    );
  });
});

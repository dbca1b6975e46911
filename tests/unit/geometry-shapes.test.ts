import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arrowHeadLength,
  curveControl,
  lineEnds,
  shapeBounds,
  shapeGeometry,
  type ShapeInput,
} from '../../shared/geometry/shapes';
import { SHAPE_KINDS, type ShapeKind } from '../../shared/objects/shape';

const KINDS = Object.values(SHAPE_KINDS);
const CLOSED: readonly ShapeKind[] = ['rect', 'roundRect', 'ellipse', 'bubble', 'banner'];
const RUNS = { seed: 20_231_116, numRuns: 400 } as const;

/** Absolute M/L/C/Q/Z commands with plain decimals (no NaN, Infinity, exponents or arcs). */
const NUM = '-?\\d+(?:\\.\\d{1,2})?';
const SEGMENT = `(?:M${NUM} ${NUM}|L${NUM} ${NUM}|Q${NUM} ${NUM} ${NUM} ${NUM}|C${NUM} ${NUM} ${NUM} ${NUM} ${NUM} ${NUM}|Z)`;
const PATH = new RegExp(`^M${NUM} ${NUM}(?: ${SEGMENT})*$`);

function rec(shape: ShapeKind, over: Partial<ShapeInput> = {}): ShapeInput {
  return { shape, w: 200, h: 120, strokeWidth: 6, flipX: false, flipY: false, bend: 0, ...over };
}

/** Every coordinate pair of a path, in order. */
function points(d: string): [number, number][] {
  const nums = (d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) out.push([nums[i] as number, nums[i + 1] as number]);
  return out;
}

describe('shapeGeometry snapshots, every kind', () => {
  const variants: [string, Partial<ShapeInput>][] = [
    ['200×120', {}],
    ['1×1, no stroke', { w: 1, h: 1, strokeWidth: 0 }],
    ['flipX, thick, bend 1', { flipX: true, strokeWidth: 20, bend: 1 }],
    ['flipY, bend -1', { flipY: true, bend: -1 }],
    ['both flips, tall, bend 0.3', { w: 80, h: 300, flipX: true, flipY: true, bend: 0.3 }],
  ];
  for (const kind of KINDS) {
    it.each(variants)(`${kind} %s`, (_name, over) => {
      const g = shapeGeometry(rec(kind, over));
      expect(g).toMatchSnapshot();
      expect(g.body).toMatch(PATH);
      if (g.head !== null) expect(g.head).toMatch(PATH);
    });
  }
});

describe('shapeGeometry rules', () => {
  it('closed (fillable) outlines for boxes, open ones for lines and arrows', () => {
    for (const kind of KINDS) {
      const g = shapeGeometry(rec(kind));
      expect(g.closed).toBe(CLOSED.includes(kind));
      if (g.closed) expect(g.body.endsWith('Z')).toBe(true);
      // Boxes and bubbles are ONE closed path: one M, one Z.
      if (g.closed) expect(g.body.match(/[MZ]/g)).toEqual(['M', 'Z']);
    }
  });

  it('only arrows have heads, and a head is a closed triangle', () => {
    for (const kind of KINDS) {
      const g = shapeGeometry(rec(kind));
      if (kind === 'arrow' || kind === 'curvedArrow') {
        expect(g.head).toMatch(/^M\S+ \S+ L\S+ \S+ L\S+ \S+ Z$/);
      } else {
        expect(g.head).toBeNull();
      }
    }
  });

  it('boxes stay inside their box; the rect is exactly it', () => {
    expect(shapeGeometry(rec('rect')).body).toBe('M0 0 L200 0 L200 120 L0 120 Z');
    for (const kind of CLOSED) {
      for (const [x, y] of points(shapeGeometry(rec(kind)).body)) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(200);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(120);
      }
    }
  });

  it('the ellipse passes through the middles of the four sides', () => {
    const pts = points(shapeGeometry(rec('ellipse')).body);
    for (const p of [
      [100, 0],
      [200, 60],
      [100, 120],
      [0, 60],
    ]) {
      expect(pts).toContainEqual(p);
    }
  });

  it('a rounded box has corner radius min(w, h) · 0.18', () => {
    // Radius 21.6: the top edge starts 21.6 in from the corner.
    expect(shapeGeometry(rec('roundRect')).body.startsWith('M21.6 0 L178.4 0 C')).toBe(true);
  });

  it('a bubble has its tail reaching the bottom of its box, left of the middle', () => {
    const pts = points(shapeGeometry(rec('bubble')).body);
    const bottom = pts.filter(([, y]) => y === 120);
    expect(bottom.length).toBe(1);
    expect((bottom[0] as [number, number])[0]).toBeLessThan(100);
    // The rounded body takes the top 80 %: right of the tail, nothing goes below y = 96.
    expect(Math.max(...pts.filter(([x]) => x >= 100).map(([, y]) => y))).toBe(96);
  });

  it('lines run (0, 0) → (w, h); flipX starts at (w, 0), flipY at (0, h)', () => {
    expect(shapeGeometry(rec('line')).body).toBe('M0 0 L200 120');
    expect(shapeGeometry(rec('line', { flipX: true })).body).toBe('M200 0 L0 120');
    expect(shapeGeometry(rec('line', { flipY: true })).body).toBe('M0 120 L200 0');
    expect(shapeGeometry(rec('line', { flipX: true, flipY: true })).body).toBe('M200 120 L0 0');
    expect(lineEnds({ w: 10, h: 20, flipX: true, flipY: false })).toEqual({ from: [10, 0], to: [0, 20] });
  });

  it('an arrow points at the line end with a head sized by the stroke width', () => {
    expect(arrowHeadLength(0)).toBe(18);
    expect(arrowHeadLength(10)).toBe(45);
    const g = shapeGeometry(rec('arrow', { w: 300, h: 0 + 1, strokeWidth: 10 }));
    const head = points(g.head as string);
    expect(head[0]).toEqual([300, 1]); // the tip
    // The base is 45 back along the line.
    const baseX = ((head[1] as [number, number])[0] + (head[2] as [number, number])[0]) / 2;
    expect(baseX).toBeCloseTo(255, 0);
    // The shaft stops inside the head, short of the tip.
    const shaftEnd = points(g.body)[1] as [number, number];
    expect(shaftEnd[0]).toBeGreaterThan(255);
    expect(shaftEnd[0]).toBeLessThan(300);
  });

  it('a short arrow gets a head no longer than 0.6 of it', () => {
    const g = shapeGeometry(rec('arrow', { w: 10, h: 1, strokeWidth: 40 }));
    const [tip, left, right] = points(g.head as string) as [
      [number, number],
      [number, number],
      [number, number],
    ];
    const baseX = (left[0] + right[0]) / 2;
    expect(tip[0] - baseX).toBeLessThanOrEqual(10 * 0.6 + 0.05);
  });

  it('a curved arrow bulges by bend · chord / 2, to the left of travel for a positive bend', () => {
    // Left to right along the top edge (h = 1): a positive bend bows upwards (y < 0).
    const from: [number, number] = [0, 0];
    const to: [number, number] = [200, 0];
    const ctrl = curveControl(from, to, 0.5);
    const midY = (from[1] + 2 * ctrl[1] + to[1]) / 4; // the quadratic at t = 0.5
    expect(midY).toBeCloseTo(-50, 9);
    expect(curveControl(from, to, -0.5)[1]).toBeGreaterThan(0);
    expect(curveControl(from, to, 0)).toEqual([100, 0]);
  });

  it('a curved arrow head follows the end tangent, not the chord', () => {
    const g = shapeGeometry(rec('curvedArrow', { w: 200, h: 1, bend: 1, strokeWidth: 4 }));
    const [tip, left, right] = points(g.head as string) as [
      [number, number],
      [number, number],
      [number, number],
    ];
    expect(tip).toEqual([200, 1]);
    // With bend 1 the curve comes down into its end: the head's base is above the tip.
    const baseY = (left[1] + right[1]) / 2;
    expect(baseY).toBeLessThan(tip[1] - 5);
    expect(g.body).toMatch(/^M0 0 Q/);
  });

  it('shapeBounds covers the stroke and a curved arrow beyond its box', () => {
    expect(shapeBounds(rec('rect'))).toEqual({ minX: -3, minY: -3, maxX: 203, maxY: 123 });
    const b = shapeBounds(rec('curvedArrow', { bend: 1 }));
    expect(b.minY).toBeLessThan(-50);
  });
});

describe('shapeGeometry properties (fixed seed)', () => {
  const input = fc.record({
    shape: fc.constantFrom(...KINDS),
    w: fc.oneof(fc.double({ min: 1, max: 20_000, noNaN: true }), fc.constantFrom(1, 1.5, 20_000)),
    h: fc.oneof(fc.double({ min: 1, max: 20_000, noNaN: true }), fc.constantFrom(1, 1.5, 20_000)),
    strokeWidth: fc.oneof(fc.double({ min: 0, max: 200, noNaN: true }), fc.constantFrom(0, 200)),
    flipX: fc.boolean(),
    flipY: fc.boolean(),
    bend: fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), fc.constantFrom(-1, 0, 1, -0)),
  });

  it('never leaks NaN or Infinity, and always writes clean paths', () => {
    fc.assert(
      fc.property(input, (r) => {
        const g = shapeGeometry(r);
        const all = `${g.body} ${g.head ?? ''}`;
        expect(all).not.toMatch(/NaN|Infinity|e[+-]/);
        expect(g.body).toMatch(PATH);
        if (g.head !== null) expect(g.head).toMatch(PATH);
        const b = shapeBounds(r);
        expect(Object.values(b).every(Number.isFinite)).toBe(true);
      }),
      RUNS,
    );
  });

  it('survives garbage that skipped validation (NaN, Infinity, zero sizes, wild bends)', () => {
    const garbage = fc.constantFrom(Number.NaN, Infinity, -Infinity, 0, -5, 1e300);
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS),
        garbage,
        garbage,
        garbage,
        garbage,
        (shape, w, h, strokeWidth, bend) => {
          const g = shapeGeometry({ shape, w, h, strokeWidth, bend, flipX: false, flipY: true });
          expect(`${g.body} ${g.head ?? ''}`).not.toMatch(/NaN|Infinity/);
          expect(g.body).toMatch(PATH);
        },
      ),
      RUNS,
    );
  });
});

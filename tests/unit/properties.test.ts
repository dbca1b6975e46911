import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outlineToSvgPath, strokeBounds, strokeOutline } from '../../shared/geometry/outline';
import { LIMITS } from '../../shared/limits';
import type { Point } from '../../shared/objects/stroke';
import { opSchema } from '../../shared/ops';
import { PEN_TOOLS } from '../../shared/presets';
import { isRejectReason } from '../../shared/reject-reasons';
import { parseWith } from '../../shared/validate';
import { rawAdd, rawStroke } from './fixtures';

/** Fixed seeds: a failure here reproduces on every machine, and CI never flakes. */
const RUNS = { seed: 20_240_601, numRuns: 300 } as const;

const coordinate = fc.integer({
  min: -LIMITS.coordinateMargin,
  max: LIMITS.boardMaxSide + LIMITS.coordinateMargin,
});
const pressure = fc.double({ min: 0, max: 1, noNaN: true });
const point = fc.tuple(coordinate, coordinate, pressure);
const tool = fc.constantFrom(...Object.values(PEN_TOOLS));

describe('validator properties', () => {
  it('any input whatsoever yields a result with a known reason, never a throw', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withNullPrototype: true, withTypedArray: true }),
        (input) => {
          const result = parseWith(opSchema, input);
          if (!result.ok) expect(isRejectReason(result.reason)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('a stroke with mangled fields is refused with a known reason', () => {
    const mangled = fc.record({
      id: fc.oneof(fc.string(), fc.constant('../x'), fc.integer()),
      color: fc.oneof(fc.string(), fc.constant('#ABCDEF')),
      size: fc.oneof(fc.double(), fc.integer()),
      points: fc.array(fc.array(fc.oneof(fc.double(), fc.string()), { maxLength: 4 }), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(mangled, (fields) => {
        const result = parseWith(opSchema, rawAdd([rawStroke(fields)]));
        if (!result.ok) expect(isRejectReason(result.reason)).toBe(true);
      }),
      RUNS,
    );
  });

  it('valid points survive cleaning as integers and hundredths, and cleaning is idempotent', () => {
    const rough = fc.tuple(
      fc.double({
        min: -LIMITS.coordinateMargin,
        max: LIMITS.boardMaxSide + LIMITS.coordinateMargin - 1,
        noNaN: true,
      }),
      fc.double({
        min: -LIMITS.coordinateMargin,
        max: LIMITS.boardMaxSide + LIMITS.coordinateMargin - 1,
        noNaN: true,
      }),
      pressure,
    );
    fc.assert(
      fc.property(fc.array(rough, { minLength: 1, maxLength: 50 }), (points) => {
        const once = parseWith(opSchema, rawAdd([rawStroke({ points })]));
        if (!once.ok || once.value.kind !== 'add') throw new Error('valid points were refused');
        const first = once.value.objects[0];
        const cleaned = first?.type === 'stroke' ? first.points : [];
        for (const [x, y, p] of cleaned) {
          expect(Number.isInteger(x) && Number.isInteger(y)).toBe(true);
          expect(Math.round(p * 100) / 100).toBe(p);
        }
        const wire = JSON.parse(JSON.stringify(once.value));
        expect(parseWith(opSchema, wire)).toEqual({ ok: true, value: wire });
      }),
      RUNS,
    );
  });
});

describe('geometry properties', () => {
  it('outlines of valid strokes are finite, paths have no NaN, and bounds contain the outline', () => {
    fc.assert(
      fc.property(
        tool,
        fc.boolean(),
        fc.double({ min: 0.5, max: 400, noNaN: true }),
        fc.array(point, { minLength: 1, maxLength: 40 }),
        (t, simulatePressure, size, points: Point[]) => {
          const outline = strokeOutline(
            { tool: t, color: '#000000', size, opacity: 1, simulatePressure },
            points,
          );
          expect(outline.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))).toBe(true);
          expect(outlineToSvgPath(outline)).not.toMatch(/NaN|Infinity/);
          const b = strokeBounds({ points, size, tool: t });
          for (const [x, y] of outline) {
            expect(x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY).toBe(true);
          }
        },
      ),
      RUNS,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits';
import { opSchema, type Op } from '../../shared/ops';
import { PEN_TOOLS } from '../../shared/presets';
import { parseWith } from '../../shared/validate';
import { rawAdd, rawRemove, rawStroke, repeat } from './fixtures';

function accepted(input: unknown): Op {
  const result = parseWith(opSchema, input);
  if (!result.ok) throw new Error(`rejected: ${result.reason} at ${result.detail ?? '(root)'}`);
  return result.value;
}

function firstStroke(op: Op) {
  if (op.kind !== 'add') throw new Error('expected an add op');
  const object = op.objects[0];
  if (object?.type !== 'stroke') throw new Error('expected one stroke');
  return object;
}

describe('parseWith(opSchema) accepts and cleans good input', () => {
  it('rounds coordinates to integer board units and pressure to hundredths', () => {
    const op = accepted(
      rawAdd([
        rawStroke({
          points: [
            [1.4, 2.6, 0.456],
            [10.5, -3.5, 0.999],
            [-0.4, 29_999.6, 0.001],
          ],
        }),
      ]),
    );
    const points = firstStroke(op).points;
    // -0 and 0 differ only under Object.is; JSON (the wire and the store) writes both as 0.
    expect(JSON.parse(JSON.stringify(points))).toEqual([
      [1, 3, 0.46],
      [11, -3, 1],
      [0, 30_000, 0],
    ]);
    for (const [x, y] of points) {
      expect(Number.isInteger(x)).toBe(true);
      expect(Number.isInteger(y)).toBe(true);
    }
  });

  it('lower-cases the colour', () => {
    expect(firstStroke(accepted(rawAdd([rawStroke({ color: '#ABCDEF' })]))).color).toBe('#abcdef');
    expect(firstStroke(accepted(rawAdd([rawStroke({ color: '#D9480f' })]))).color).toBe('#d9480f');
  });

  it('strips unknown keys on the op, the object and never keeps a prototype key', () => {
    const input = JSON.parse(
      JSON.stringify(
        rawAdd([rawStroke({ evil: '<img>', fabric: { left: 1 } })], { extra: 1, seq: 99 }),
      ).replace('"extra":1', '"extra":1,"__proto__":{"polluted":true}'),
    );
    const op = accepted(input);
    expect(Object.keys(op).sort()).toEqual(['id', 'kind', 'objects']);
    expect(Object.keys(firstStroke(op)).sort()).toEqual(
      ['color', 'id', 'opacity', 'points', 'simulatePressure', 'size', 'tool', 'type'].sort(),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(op)).not.toContain('polluted');
  });

  it.each(Object.values(PEN_TOOLS))('accepts the %s tool', (tool) => {
    expect(firstStroke(accepted(rawAdd([rawStroke({ tool })]))).tool).toBe(tool);
  });

  it.each([
    ['an id at the length limit', rawAdd(undefined, { id: 'a'.repeat(LIMITS.idMaxLength) })],
    ['an id with _ and -', rawAdd(undefined, { id: 'A-z_09' })],
    ['a one-point stroke (a dot)', rawAdd([rawStroke({ points: [[5, 5, 0.5]] })])],
    ['points on the outer margins', rawAdd([rawStroke({ points: [[-10_000, 30_000, 0]] })])],
    [
      'pressure exactly 0 and 1',
      rawAdd([
        rawStroke({
          points: [
            [0, 0, 0],
            [1, 1, 1],
          ],
        }),
      ]),
    ],
    [
      'exactly the stroke point limit',
      rawAdd([rawStroke({ points: repeat(LIMITS.pointsPerStroke, () => [1, 1, 0.5]) })]),
    ],
    [
      'exactly the add object limit',
      rawAdd(repeat(LIMITS.objectsPerAddOp, (i) => rawStroke({ id: `s${i}` }))),
    ],
    ['exactly the remove id limit', rawRemove(repeat(LIMITS.idsPerRemoveOp, (i) => `s${i}`))],
    ['the smallest size and opacity', rawAdd([rawStroke({ size: 0.5, opacity: 0.05 })])],
    ['simulated pressure', rawAdd([rawStroke({ simulatePressure: true })])],
  ])('accepts %s', (_what, input) => {
    expect(parseWith(opSchema, input).ok).toBe(true);
  });

  it('keeps a remove op as sent (planOp, not the schema, drops duplicates)', () => {
    expect(accepted(rawRemove(['a', 'b', 'a']))).toEqual({ id: 'op1', kind: 'remove', ids: ['a', 'b', 'a'] });
  });

  it('is idempotent: a cleaned op parses to itself', () => {
    const once = accepted(
      rawAdd([rawStroke({ color: '#ABCDEF', points: [[1.5, 2.5, 0.333]] })], { junk: true }),
    );
    const twice = accepted(JSON.parse(JSON.stringify(once)));
    expect(twice).toEqual(JSON.parse(JSON.stringify(once)));
  });

  it('does not mutate its input', () => {
    const input = rawAdd([rawStroke({ color: '#ABCDEF', points: [[1.5, 2.5, 0.333]] })]);
    const before = JSON.stringify(input);
    accepted(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});

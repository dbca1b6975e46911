import { describe, expect, it } from 'vitest';
import { planOp } from '../../shared/board-state';
import { LIMITS } from '../../shared/limits';
import type { BoardObject } from '../../shared/objects/board-object';
import { opSchema, type Op } from '../../shared/ops';
import { REJECT } from '../../shared/reject-reasons';
import { parseWith } from '../../shared/validate';
import { addOps, patchOps, replaceOps } from '../../client/state/op-chunks';
import { rawAdd, rawStroke, repeat, stroke } from './fixtures';

/** A stroke of `n` points, raw. */
function heavy(id: string, n: number): Record<string, unknown> {
  return rawStroke({ id, points: repeat(n, (i) => [i % 1000, 5, 0.5]) });
}

function heavyRecord(id: string, n: number): BoardObject {
  return stroke(id, { points: repeat(n, (i) => [i % 1000, 5, 0.5] as [number, number, number]) });
}

describe('points per op (LIMITS.pointsPerOp)', () => {
  it('takes an op of full strokes up to the cap and refuses one past it', () => {
    const full = Math.floor(LIMITS.pointsPerOp / LIMITS.pointsPerStroke);
    const fits = rawAdd(repeat(full, (i) => heavy(`s${i}`, LIMITS.pointsPerStroke)));
    expect(parseWith(opSchema, fits).ok).toBe(true);
    const over = rawAdd([...repeat(full, (i) => heavy(`s${i}`, LIMITS.pointsPerStroke)), heavy('x', 1)]);
    expect(parseWith(opSchema, over)).toMatchObject({ ok: false, reason: REJECT.tooManyPoints });
  });

  it('counts many small strokes as well as a few long ones', () => {
    const per = Math.ceil(LIMITS.pointsPerOp / LIMITS.objectsPerAddOp) + 1;
    const op = rawAdd(repeat(LIMITS.objectsPerAddOp, (i) => heavy(`s${i}`, per)));
    expect(parseWith(opSchema, op)).toMatchObject({ ok: false, reason: REJECT.tooManyPoints });
  });

  it('counts the points of the records a patch stores whole again', () => {
    const per = LIMITS.pointsPerStroke;
    const n = Math.floor(LIMITS.pointsPerOp / per) + 1;
    const objects = new Map(repeat(n, (i) => [`s${i}`, heavyRecord(`s${i}`, per)] as const));
    const patch = (count: number): Op => ({
      id: 'p1',
      kind: 'patch',
      patches: repeat(count, (i) => ({ id: `s${i}`, set: { color: '#445566' } })),
    });
    expect(planOp(objects, patch(n))).toMatchObject({ ok: false, reason: REJECT.tooManyPoints });
    const fits = planOp(objects, patch(n - 1));
    expect(fits.ok).toBe(true);
    // The points the patch left alone come through as they were.
    const s0 = objects.get('s0');
    if (fits.ok && s0?.type === 'stroke')
      expect(fits.value.updated?.[0]).toMatchObject({ color: '#445566', points: s0.points });
    // Replayed history is never refused for it.
    expect(planOp(objects, patch(n), 'stored').ok).toBe(true);
  });

  it('keeps the reasons of the point checks', () => {
    const bad = (points: unknown): unknown => parseWith(opSchema, rawAdd([rawStroke({ points })]));
    expect(bad([[1, 1, 0.5, 1]])).toMatchObject({
      reason: REJECT.invalidPoint,
      detail: 'objects.0.points.0',
    });
    expect(bad([[1, 1e9, 0.5]])).toMatchObject({
      reason: REJECT.invalidPoint,
      detail: 'objects.0.points.0.1',
    });
    expect(bad(repeat(LIMITS.pointsPerStroke + 1, () => [1, 1, 0.5]))).toMatchObject({
      reason: REJECT.tooManyPoints,
      detail: 'objects.0.points',
    });
  });
});

describe('the client sends long content in chunks within the cap', () => {
  const total = (ops: { objects: BoardObject[] }[]) =>
    ops.map((op) => op.objects.reduce((n, o) => n + (o.type === 'stroke' ? o.points.length : 0), 0));

  it('splits adds and replaces by points as well as by count', () => {
    const records = repeat(7, (i) => heavyRecord(`s${i}`, 6_000));
    const adds = addOps(records);
    expect(adds.length).toBeGreaterThan(1);
    for (const points of total(adds)) expect(points).toBeLessThanOrEqual(LIMITS.pointsPerOp);
    expect(adds.flatMap((op) => op.objects)).toHaveLength(7);
    const replaces = replaceOps(['a'], records);
    for (const points of total(replaces)) expect(points).toBeLessThanOrEqual(LIMITS.pointsPerOp);
    for (const op of adds) expect(parseWith(opSchema, op).ok).toBe(true);
  });

  it('splits patches by the points of the records they change', () => {
    const ops = patchOps(
      repeat(10, (i) => ({ id: `s${i}`, set: { color: '#445566' } })),
      () => 5_000,
    );
    expect(ops.map((op) => op.patches.length)).toEqual([4, 4, 2]);
  });
});

import { describe, expect, it } from 'vitest';
import { LIMITS, WRITER_LIMITS } from '../../shared/limits';
import type { BoardObject } from '../../shared/objects/board-object';
import type { Op } from '../../shared/ops';
import { claimedCost, opCost, WriterCosts } from '../../server/socket/writer-cost';
import { repeat, stroke } from './fixtures';

function strokeOf(id: string, n: number): BoardObject {
  return stroke(id, { points: repeat(n, () => [1, 1, 0.5] as [number, number, number]) });
}

/** An op of `n` points: the per-op maximum when n is LIMITS.pointsPerOp. */
function addOf(n: number): Op {
  return { id: 'a', kind: 'add', objects: [strokeOf('s', n)] };
}

describe('what an op costs', () => {
  it('charges points, and bytes for the rest', () => {
    expect(opCost(addOf(10_000), undefined)).toBeGreaterThanOrEqual(10_000);
    expect(opCost(addOf(10_000), undefined)).toBeLessThan(10_100);
    const text: Op = { id: 't', kind: 'remove', ids: repeat(1_000, (i) => `id-of-some-length-${i}`) };
    expect(opCost(text, undefined)).toBeGreaterThan(1_000);
  });

  it('charges a patch the points of the records it rewrites', () => {
    const objects = new Map([['s', strokeOf('s', 8_000)]]);
    const patch: Op = { id: 'p', kind: 'patch', patches: [{ id: 's', set: { color: '#123456' } }] };
    expect(opCost(patch, objects)).toBeGreaterThanOrEqual(8_000);
  });
});

describe('what a raw op claims', () => {
  it('counts the point arrays it carries, capped at a full op, without checking them', () => {
    expect(claimedCost(null)).toBe(1);
    expect(claimedCost({ objects: [{ points: new Array(500) }, { points: 'x' }] })).toBe(501);
    expect(claimedCost({ patches: [{ set: { points: new Array(30) } }, { set: null }] })).toBe(31);
    expect(claimedCost({ objects: [{ points: new Array(LIMITS.pointsPerOp * 3) }] })).toBe(
      LIMITS.pointsPerOp,
    );
  });
});

describe('writer cost buckets', () => {
  const full = opCost(addOf(LIMITS.pointsPerOp), undefined);
  /** How many full ops a bucket lets through before it refuses, with the clock standing still. */
  function passes(take: () => boolean): number {
    let n = 0;
    while (take() && n < 1_000) n++;
    return n;
  }

  it('refuses a socket past its burst, and refills with time', () => {
    let now = 0;
    const costs = new WriterCosts(() => now);
    const socket = costs.socketBucket();
    const n = passes(() => costs.take(socket, 'b\nrecorder', full));
    expect(n).toBe(Math.floor(WRITER_LIMITS.cost.burst / full));
    now += (full / WRITER_LIMITS.cost.perSecond) * 1000;
    expect(costs.take(socket, 'b\nrecorder', full)).toBe(true);
    expect(costs.take(socket, 'b\nrecorder', full)).toBe(false);
  });

  it('shares one bucket between the sockets of a key, and none with another key', () => {
    const now = 0;
    const costs = new WriterCosts(() => now);
    const sockets = repeat(3, () => costs.socketBucket());
    let n = 0;
    for (let round = 0; round < 100; round++)
      for (const s of sockets) if (costs.take(s, 'b\nrecorder', full)) n++;
    // Three tabs of one key get the key's burst, not three sockets' worth.
    expect(n).toBe(Math.floor(WRITER_LIMITS.costPerKey.burst / full));
    expect(n).toBeLessThan(3 * Math.floor(WRITER_LIMITS.cost.burst / full));
    // Another board's recorder is not held back by them.
    expect(costs.take(costs.socketBucket(), 'other\nrecorder', full)).toBe(true);
  });

  it('does not charge the key for an op its socket refuses', () => {
    const costs = new WriterCosts(() => 0);
    const spent = costs.socketBucket();
    passes(() => costs.take(spent, 'b\nrecorder', full));
    const before = passes(() => costs.take(spent, 'b\nrecorder', full));
    expect(before).toBe(0);
    const fresh = costs.socketBucket();
    // The key had burst − what `spent` took; refusals of `spent` cost it nothing.
    const left =
      Math.floor(WRITER_LIMITS.costPerKey.burst / full) - Math.floor(WRITER_LIMITS.cost.burst / full);
    expect(passes(() => costs.take(fresh, 'b\nrecorder', full))).toBe(left);
  });
});

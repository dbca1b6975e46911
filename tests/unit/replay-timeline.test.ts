import { describe, expect, it } from 'vitest';
import { ReplayCursor } from '../../client/replay/replay-cursor';
import { FIT, parseSpeedChoice, playbackRate } from '../../client/replay/speeds';
import { hoursMinutes } from '../../client/replay/time-format';
import { createTimeline, SHORTENED_PAUSE_MS } from '../../client/replay/timeline';
import type { CommittedOp, Op } from '../../shared/ops';
import { stroke } from './fixtures';

const T0 = 1_700_000_000_000;
const MIN = 60_000;

describe('timeline', () => {
  const times = [T0, T0 + MIN, T0 + 61 * MIN, T0 + 62 * MIN];

  it('is log time itself when pauses are kept', () => {
    const tl = createTimeline(times, false);
    expect(tl.duration).toBe(62 * MIN);
    expect(tl.toLog(0)).toBe(T0);
    expect(tl.toLog(30 * MIN)).toBe(T0 + 30 * MIN);
    expect(tl.toPlay(T0 + 62 * MIN)).toBe(62 * MIN);
  });

  it('shortens a long pause to a minute of play, keeping the rest', () => {
    const tl = createTimeline(times, true);
    expect(tl.duration).toBe(2 * MIN + SHORTENED_PAUSE_MS);
    expect(tl.toPlay(T0 + MIN)).toBe(MIN);
    expect(tl.toPlay(T0 + 61 * MIN)).toBe(MIN + SHORTENED_PAUSE_MS);
    expect(tl.toLog(MIN + SHORTENED_PAUSE_MS / 2)).toBe(T0 + 31 * MIN);
    expect(tl.toLog(tl.duration)).toBe(T0 + 62 * MIN);
    // Round trips everywhere.
    for (const p of [0, 10_000, MIN, 90_000, tl.duration]) expect(tl.toPlay(tl.toLog(p))).toBeCloseTo(p, 6);
  });

  it('clamps outside the log and survives an empty or one-op log', () => {
    const tl = createTimeline(times, true);
    expect(tl.toLog(-5)).toBe(T0);
    expect(tl.toLog(tl.duration + 5)).toBe(T0 + 62 * MIN);
    expect(tl.toPlay(T0 - MIN)).toBe(0);
    expect(createTimeline([], true).duration).toBe(0);
    const one = createTimeline([T0], true);
    expect([one.duration, one.toLog(0), one.toPlay(T0)]).toEqual([0, T0, 0]);
  });
});

describe('speeds', () => {
  it('fits the replay into a minute, never slower than real time', () => {
    expect(playbackRate(FIT, 150 * MIN)).toBe(150);
    expect(playbackRate(FIT, 20_000)).toBe(1);
    expect(playbackRate(16, 150 * MIN)).toBe(16);
    expect(parseSpeedChoice('64')).toBe(64);
    expect(parseSpeedChoice('fit')).toBe(FIT);
    expect(parseSpeedChoice('3')).toBe(FIT);
  });

  it('formats elapsed time as hours and minutes', () => {
    expect(hoursMinutes(0)).toBe('00:00');
    expect(hoursMinutes(125 * MIN + 59_000)).toBe('02:05');
    expect(hoursMinutes(30 * 60 * MIN)).toBe('30:00');
  });
});

describe('replay cursor', () => {
  function committed(seq: number, at: number, op: Op): CommittedOp {
    return { seq, at, actor: 'a', op };
  }
  const ops = [
    committed(1, T0, { id: 'o1', kind: 'add', objects: [stroke('a'), stroke('b')] }),
    committed(2, T0 + 10, { id: 'o2', kind: 'remove', ids: ['a'] }),
    committed(3, T0 + 20, { id: 'o3', kind: 'patch', patches: [{ id: 'b', set: { color: '#ff0000' } }] }),
    committed(4, T0 + 30, { id: 'o4', kind: 'add', objects: [stroke('c')] }),
    committed(5, T0 + 30, { id: 'o5', kind: 'reorder', ids: ['c'], to: 'back' }),
  ];

  it('applies ops up to a time, reporting what each changed', () => {
    const cursor = new ReplayCursor(ops);
    const first = cursor.advanceTo(T0 + 15);
    expect(first.map((c) => [c.added.map((o) => o.id), c.removed])).toEqual([
      [['a', 'b'], []],
      [[], ['a']],
    ]);
    expect([cursor.applied, cursor.seq]).toEqual([2, 2]);
    cursor.advanceTo(T0 + 30);
    expect(cursor.objects().map((o) => o.id)).toEqual(['c', 'b']);
    expect(cursor.objects().find((o) => o.id === 'b')).toMatchObject({ color: '#ff0000' });
  });

  it('seeks back by replaying from the start, and forward from where it is', () => {
    const cursor = new ReplayCursor(ops);
    cursor.seek(T0 + 100);
    expect(cursor.applied).toBe(5);
    cursor.seek(T0 + 5);
    expect(cursor.objects().map((o) => o.id)).toEqual(['a', 'b']);
    expect(cursor.seq).toBe(1);
    cursor.seek(T0 - 1);
    expect([cursor.applied, cursor.objectCount, cursor.seq]).toEqual([0, 0, 0]);
    cursor.seek(T0 + 20);
    expect(cursor.objects().map((o) => o.id)).toEqual(['b']);
  });
});

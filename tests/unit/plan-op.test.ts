import { describe, expect, it } from 'vitest';
import { applyChanges, planOp, type Changes } from '../../shared/board-state';
import { LIMITS } from '../../shared/limits';
import type { BoardObject } from '../../shared/objects/board-object';
import type { Op } from '../../shared/ops';
import { REJECT } from '../../shared/reject-reasons';
import type { Result } from '../../shared/result';
import { stroke } from './fixtures';

function board(...ids: string[]): Map<string, BoardObject> {
  return new Map(ids.map((id) => [id, stroke(id)]));
}

/** A board that reports `size` objects without holding them, to test the cap cheaply. */
function boardOfSize(size: number, existing: string[] = []): ReadonlyMap<string, BoardObject> {
  const real = board(...existing);
  return {
    get size() {
      return size;
    },
    has: (id: string) => real.has(id),
    get: (id: string) => real.get(id),
  } as ReadonlyMap<string, BoardObject>;
}

function add(...ids: string[]): Op {
  return { id: 'op1', kind: 'add', objects: ids.map((id) => stroke(id)) };
}

function remove(...ids: string[]): Op {
  return { id: 'op1', kind: 'remove', ids };
}

type Row = [string, ReadonlyMap<string, BoardObject>, Op, Result<Changes>];

const rows: Row[] = [
  ['add to an empty board', board(), add('a'), { ok: true, value: { added: [stroke('a')], removed: [] } }],
  [
    'add two new objects',
    board('x'),
    add('a', 'b'),
    { ok: true, value: { added: [stroke('a'), stroke('b')], removed: [] } },
  ],
  [
    'add an id the board holds',
    board('a'),
    add('a'),
    { ok: false, reason: REJECT.objectExists, detail: 'a' },
  ],
  [
    'add the second of two, already held',
    board('b'),
    add('a', 'b'),
    { ok: false, reason: REJECT.objectExists, detail: 'b' },
  ],
  [
    'add the same id twice in one op',
    board(),
    add('a', 'a'),
    { ok: false, reason: REJECT.objectExists, detail: 'a' },
  ],
  [
    'add up to exactly the board cap',
    boardOfSize(LIMITS.objectsPerBoard - 1),
    add('a'),
    { ok: true, value: { added: [stroke('a')], removed: [] } },
  ],
  [
    'add one past the board cap',
    boardOfSize(LIMITS.objectsPerBoard),
    add('a'),
    { ok: false, reason: REJECT.boardFull },
  ],
  [
    'add two when only one fits',
    boardOfSize(LIMITS.objectsPerBoard - 1),
    add('a', 'b'),
    { ok: false, reason: REJECT.boardFull },
  ],
  [
    'a duplicate is reported before a full board',
    boardOfSize(LIMITS.objectsPerBoard, ['a']),
    add('a'),
    { ok: false, reason: REJECT.objectExists, detail: 'a' },
  ],
  ['remove a held object', board('a', 'b'), remove('a'), { ok: true, value: { added: [], removed: ['a'] } }],
  [
    'remove drops duplicate ids',
    board('a', 'b'),
    remove('a', 'b', 'a'),
    { ok: true, value: { added: [], removed: ['a', 'b'] } },
  ],
  ['remove an unknown id', board('a'), remove('z'), { ok: false, reason: REJECT.unknownObject, detail: 'z' }],
  [
    'remove a known and an unknown id',
    board('a'),
    remove('a', 'z'),
    { ok: false, reason: REJECT.unknownObject, detail: 'z' },
  ],
  [
    'remove from an empty board',
    board(),
    remove('a'),
    { ok: false, reason: REJECT.unknownObject, detail: 'a' },
  ],
];

describe('planOp', () => {
  it.each(rows)('%s', (_what, objects, op, expected) => {
    expect(planOp(objects, op)).toEqual(expected);
  });

  it('never touches the objects it checks', () => {
    const objects = board('a', 'b');
    const before = [...objects.keys()];
    planOp(objects, add('c'));
    planOp(objects, remove('a'));
    planOp(objects, add('a'));
    expect([...objects.keys()]).toEqual(before);
  });
});

describe('applyChanges', () => {
  it('applies an add then its undo (a remove) back to the start', () => {
    const objects = board('x');
    const added = planOp(objects, add('a', 'b'));
    if (!added.ok) throw new Error(added.reason);
    applyChanges(objects, added.value);
    expect([...objects.keys()].sort()).toEqual(['a', 'b', 'x']);

    const removed = planOp(objects, remove('a', 'b'));
    if (!removed.ok) throw new Error(removed.reason);
    applyChanges(objects, removed.value);
    expect([...objects.keys()]).toEqual(['x']);
  });

  it('a replayed add is refused, so applying twice cannot duplicate', () => {
    const objects = board();
    const first = planOp(objects, add('a'));
    if (!first.ok) throw new Error(first.reason);
    applyChanges(objects, first.value);
    expect(planOp(objects, add('a'))).toEqual({ ok: false, reason: REJECT.objectExists, detail: 'a' });
    expect(objects.size).toBe(1);
  });
});

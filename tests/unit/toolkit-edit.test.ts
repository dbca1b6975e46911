import { describe, expect, it } from 'vitest';
import { cutStroke } from '../../client/board/stroke-cut';
import { selectionOps, transformOps } from '../../client/board/selection-actions';
import { replaceOps as cutReplaceOps } from '../../client/board/tools/eraser-partial';
import { BoardState } from '../../client/state/board-state.svelte';
import { UndoHistory } from '../../client/state/history.svelte';
import { restoreIds, undoReorderOp } from '../../client/state/reorder-restore';
import { rotation, translation } from '../../shared/geometry/matrix';
import { LIMITS } from '../../shared/limits';
import type { BoardObject } from '../../shared/objects/board-object';
import type { Point, Stroke } from '../../shared/objects/stroke';
import type { Op } from '../../shared/ops';

function line(id: string, x0: number, x1: number, y: number, step = 100): Stroke {
  const points: Point[] = [];
  for (let x = x0; x <= x1; x += step) points.push([x, y, 0.5]);
  return {
    id,
    type: 'stroke',
    tool: 'pen',
    color: '#1f2328',
    size: 10,
    opacity: 1,
    simulatePressure: true,
    points,
  };
}

describe('cutStroke', () => {
  it('splits where the eraser passes, by its reach, and keeps the rest untouched', () => {
    const s = line('a', 0, 1000, 0, 10);
    const pieces = cutStroke(
      s.points,
      [
        [500, -100],
        [500, 100],
      ],
      25,
    );
    expect(pieces).toHaveLength(2);
    const [left, right] = pieces as [Point[], Point[]];
    expect(left[0]).toEqual([0, 0, 0.5]);
    expect(Math.max(...left.map((p) => p[0]))).toBeLessThan(475);
    expect(Math.min(...right.map((p) => p[0]))).toBeGreaterThan(525);
    expect(right[right.length - 1]).toEqual([1000, 0, 0.5]);
  });

  it('cuts a long segment the eraser crosses between its two far-apart points', () => {
    const pieces = cutStroke(
      [
        [0, 0, 0.5],
        [1000, 0, 0.5],
      ],
      [
        [500, -50],
        [500, 50],
      ],
      20,
    );
    expect(pieces).toHaveLength(2);
    for (const piece of pieces ?? []) {
      expect(piece.length).toBeGreaterThanOrEqual(2);
      for (const p of piece) expect(Math.abs(p[0] - 500)).toBeGreaterThan(20);
    }
  });

  it('returns null when untouched, drops pieces under two points, erases a whole stroke', () => {
    const s = line('a', 0, 300, 0);
    expect(cutStroke(s.points, [[150, 500]], 20)).toBeNull();
    // The eraser runs from 100 to 200: what is left are the ends, each short of its reach.
    const ends = cutStroke(
      s.points,
      [
        [100, 0],
        [200, 0],
      ],
      30,
    );
    expect(ends).toHaveLength(2);
    expect(Math.max(...(ends?.[0] ?? []).map((p) => p[0]))).toBeLessThan(70);
    expect(Math.min(...(ends?.[1] ?? []).map((p) => p[0]))).toBeGreaterThan(230);
    // A lone point left over is no stroke: a sweep over all but the first point leaves nothing.
    expect(
      cutStroke(
        [
          [0, 0, 0.5],
          [40, 0, 0.5],
        ],
        [
          [40, 0],
          [40, 1],
        ],
        30,
      ),
    ).toEqual([]);
    expect(
      cutStroke(
        s.points,
        [
          [0, 0],
          [300, 0],
        ],
        30,
      ),
    ).toEqual([]);
  });

  it('never yields NaN and keeps points rounded', () => {
    const pieces = cutStroke(
      [
        [0, 0, 0.33],
        [333, 77, 0.91],
      ],
      [
        [170, -200],
        [170, 200],
      ],
      11,
    );
    for (const p of (pieces ?? []).flat()) {
      expect(p.every(Number.isFinite)).toBe(true);
      expect(Number.isInteger(p[0]) && Number.isInteger(p[1])).toBe(true);
    }
  });
});

describe('selection ops', () => {
  it('turns a gesture into one transform patch, composed with each record’s own', () => {
    const a = line('a', 0, 200, 0);
    const b = { ...line('b', 0, 200, 50), transform: translation(10, 20) };
    const [op, more] = transformOps([a, b], rotation(90));
    expect(more).toBeUndefined();
    expect(op?.patches).toEqual([
      { id: 'a', set: { transform: [0, 1, -1, 0, 0, 0] } },
      { id: 'b', set: { transform: [0, 1, -1, 0, -20, 10] } },
    ]);
  });

  it('duplicates with new ids and an offset, deletes, and reorders in paint order', () => {
    const a = line('a', 0, 200, 0);
    const dup = selectionOps('duplicate', [a]);
    const added = dup.ops[0]?.kind === 'add' ? dup.ops[0].objects : [];
    expect(added).toHaveLength(1);
    expect(added[0]?.id).not.toBe('a');
    expect(added[0]?.transform).toEqual([1, 0, 0, 1, 40, 40]);
    expect(dup.select).toEqual([added[0]?.id]);
    expect(selectionOps('delete', [a]).ops).toMatchObject([{ kind: 'remove', ids: ['a'] }]);
    expect(selectionOps('back', [a, line('b', 0, 1, 0)]).ops).toMatchObject([
      { kind: 'reorder', ids: ['a', 'b'], to: 'back' },
    ]);
  });

  it('splits a cut into replace ops within the limits, never a stroke across two ops', () => {
    const pieces = (n: number) => Array.from({ length: n }, (_, i) => line(`p${i}`, 0, 100, 0));
    const cuts = Array.from({ length: 5 }, (_, i) => ({
      id: `s${i}`,
      pieces: pieces(LIMITS.objectsPerAddOp / 2),
    }));
    const ops = cutReplaceOps(cuts);
    expect(ops).toHaveLength(3);
    expect(ops.map((o) => o.ids.length)).toEqual([2, 2, 1]);
    for (const op of ops) expect(op.objects.length).toBeLessThanOrEqual(LIMITS.objectsPerAddOp);
  });
});

describe('reorder restore', () => {
  const layer = () => 'ink' as const;
  it('undoes front exactly, keeping records that came on top since', () => {
    const before = ['x', 'a', 'y', 'b', 'z'];
    const restore = restoreIds(before, ['a', 'b'], 'front', layer);
    expect(restore).toEqual(['a', 'y', 'b', 'z']);
    // After front(a, b) someone added n on top.
    const now = ['x', 'y', 'z', 'a', 'b', 'n'];
    const op = undoReorderOp(['a', 'b'], 'front', restore, now, layer);
    expect(op).toMatchObject({ kind: 'reorder', to: 'front', ids: ['a', 'y', 'b', 'z', 'n'] });
  });

  it('undoes back exactly, and falls back to the other end when the list is too long', () => {
    const restore = restoreIds(['x', 'a', 'y', 'b', 'z'], ['a', 'b'], 'back', layer);
    expect(restore).toEqual(['x', 'a', 'y', 'b']);
    expect(undoReorderOp(['a', 'b'], 'back', restore, ['a', 'b', 'x', 'y', 'z'], layer)).toMatchObject({
      ids: ['x', 'a', 'y', 'b'],
      to: 'back',
    });
    expect(undoReorderOp(['a'], 'back', null, ['a', 'x'], layer)).toMatchObject({ ids: ['a'], to: 'front' });
    expect(undoReorderOp(['gone'], 'back', null, ['x'], layer)).toBeNull();
  });
});

describe('undo history over every op kind', () => {
  /** A tab: its board state, its history, and local ops applied the way the session does. */
  function tab() {
    const board = new BoardState();
    board.load({
      seq: 0,
      meta: {
        id: 'b',
        title: 't',
        width: 3840,
        height: 2160,
        createdAt: 0,
        locked: false,
        revealed: true,
      } as never,
      objects: [],
    });
    const history = new UndoHistory();
    const local = (op: Op, fromHistory = false) => {
      const effect = board.applyLocal(op);
      if (!fromHistory) history.record(effect);
    };
    const undo = () => history.undo(board).forEach((op) => local(op, true));
    const redo = () => history.redo(board).forEach((op) => local(op, true));
    // Records as a set (an undone erase comes back on top of its layer, as a re-added record
    // does); a stroke without a transform is one at the identity.
    const snapshot = () =>
      board
        .objects()
        .map((o) => JSON.stringify({ ...o, transform: o.transform ?? [1, 0, 0, 1, 0, 0] }))
        .sort();
    return { board, local, undo, redo, snapshot };
  }
  const add = (...objects: BoardObject[]): Op => ({ id: `op-${Math.random()}`, kind: 'add', objects });

  it('add, patch, replace and reorder step back to the start and forward to the end', () => {
    const t = tab();
    const a = line('a', 0, 500, 0);
    const b = line('b', 0, 500, 100);
    t.local(add(a));
    t.local(add(b));
    const states = [t.snapshot()];
    t.local({ id: 'p', kind: 'patch', patches: [{ id: 'a', set: { transform: translation(0, 300) } }] });
    states.push(t.snapshot());
    const cut =
      cutStroke(
        a.points,
        [
          [250, -10],
          [250, 10],
        ],
        30,
      ) ?? [];
    const pieces = cut.map((points, i) => ({ ...a, id: `a${i}`, points }));
    t.local({ id: 'r', kind: 'replace', ids: ['a'], objects: pieces });
    states.push(t.snapshot());
    t.local({ id: 'o', kind: 'reorder', ids: ['b'], to: 'front' });
    states.push(t.snapshot());
    expect(t.board.order()).toEqual(['a0', 'a1', 'b']);

    for (let i = states.length - 2; i >= 0; i--) {
      t.undo();
      expect(t.snapshot()).toEqual(states[i]);
    }
    // Undoing the first move of a stroke without a transform sets the identity.
    expect(t.board.get('a')).toMatchObject({ transform: [1, 0, 0, 1, 0, 0] });
    for (let i = 1; i < states.length; i++) {
      t.redo();
      expect(t.snapshot()).toEqual(states[i]);
    }
    expect(t.board.order()).toEqual(['a0', 'a1', 'b']);
    expect(t.board.get('a')).toBeUndefined();
  });

  it('skips a patch whose record someone else changed since', () => {
    const t = tab();
    t.local(add(line('a', 0, 100, 0)));
    t.local({ id: 'p1', kind: 'patch', patches: [{ id: 'a', set: { transform: translation(5, 5) } }] });
    // Someone else moves it: committed ops from elsewhere go through applyCommitted.
    t.board.applyCommitted({
      seq: 1,
      at: 0,
      actor: 'x',
      op: { id: 'p2', kind: 'patch', patches: [{ id: 'a', set: { transform: translation(9, 9) } }] },
    });
    t.undo();
    // The move was passed over; the add before it was undone instead.
    expect(t.board.get('a')).toBeUndefined();
    t.redo();
    expect(t.board.get('a')).toMatchObject({ transform: [1, 0, 0, 1, 9, 9] });
  });
});

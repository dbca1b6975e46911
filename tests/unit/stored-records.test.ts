import { describe, expect, it } from 'vitest';
import { boardMetaSchema } from '../../shared/board';
import { planOp } from '../../shared/board-state';
import { LIMITS } from '../../shared/limits';
import { defineMigrations, migrateRecord, type Migration, type StoredRecord } from '../../shared/migrations';
import { OBJECT_SCHEMAS, type BoardObject } from '../../shared/objects/board-object';
import { STORED_OBJECT_SCHEMAS } from '../../shared/objects/stored';
import { opSchema, type Op } from '../../shared/ops';
import { REJECT } from '../../shared/reject-reasons';
import {
  readStoredMeta,
  readStoredObject,
  readStoredOp,
  storedMetaSchema,
} from '../../shared/stored-records';
import { addOp, makeShape, makeStamp, makeStroke, makeText } from '../helpers/fixtures';

const samples: BoardObject[] = [
  makeStroke(10, 20, 5, 's1'),
  makeText('t1', 'つながる支援'),
  makeShape('sh1', 'curvedArrow'),
  makeStamp('st1', 'lightbulb'),
  { id: 'i1', type: 'image', assetId: 'a'.repeat(64), w: 400, h: 200, transform: [1, 0, 0, 1, 5, 6] },
];

describe('stored schemas', () => {
  it('have the same fields as the write-time schemas, kind by kind', () => {
    expect(Object.keys(STORED_OBJECT_SCHEMAS)).toEqual(Object.keys(OBJECT_SCHEMAS));
    for (const [kind, schema] of Object.entries(OBJECT_SCHEMAS)) {
      const stored = STORED_OBJECT_SCHEMAS[kind as keyof typeof OBJECT_SCHEMAS];
      expect(Object.keys(stored.shape).sort(), kind).toEqual(Object.keys(schema.shape).sort());
    }
    expect(Object.keys(storedMetaSchema.shape).sort()).toEqual(Object.keys(boardMetaSchema.shape).sort());
  });

  it.each(samples)('read every valid record back as it was written: $type', (o) => {
    expect(readStoredObject(JSON.parse(JSON.stringify(o)), 1)).toEqual({ ok: true, value: o });
  });

  it('accept what today’s limits refuse, only when reading', () => {
    const text = { ...makeText('t', 'あ'.repeat(LIMITS.textLength + 1)), fontSize: 900 };
    const stroke = makeStroke(10, 10, 3, 's');
    stroke.points = Array.from({ length: LIMITS.pointsPerStroke + 1 }, (_, i) => [i % 500, 40_000, 0.5]);
    const op = addOp(
      text,
      stroke,
      ...Array.from({ length: LIMITS.objectsPerAddOp }, (_, i) => makeText(`x${i}`, 'x')),
    );
    expect(opSchema.safeParse(op).success).toBe(false);
    expect(readStoredOp(op, 1)).toEqual({ ok: true, value: op });
    const meta = boardMetaSchema.parse({
      id: 'b',
      title: 'x',
      width: 3840,
      height: 2160,
      createdAt: 1,
      locked: false,
    });
    const old = { ...meta, title: 'x'.repeat(LIMITS.titleMaxLength + 1), width: LIMITS.boardMaxSide * 2 };
    expect(boardMetaSchema.safeParse(old).success).toBe(false);
    expect(readStoredMeta(old, 1)).toEqual({ ok: true, value: old });
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'text', 'type'],
    ['an array', [makeText('t', 'a')], 'type'],
    ['an unknown kind', { ...makeText('t', 'a'), type: 'sticker' }, 'type'],
    ['a missing field', { ...makeText('t', 'a'), color: undefined }, 'color'],
    ['a colour that is not #rrggbb', { ...makeText('t', 'a'), color: 'red" onload="x' }, 'color'],
    ['a number that is a string', { ...makeText('t', 'a'), fontSize: '72' }, 'fontSize'],
    ['an unknown pen', { ...makeStroke(0, 0, 2, 's'), tool: 'brush' }, 'tool'],
    ['a stroke without points', { ...makeStroke(0, 0, 2, 's'), points: [] }, 'points'],
    ['a pressure above 1', { ...makeStroke(0, 0, 1, 's'), points: [[1, 2, 3]] }, 'points.0.2'],
    ['an id with a slash', { ...makeText('t', 'a'), id: '../x' }, 'id'],
  ])('still refuse structure: %s', (_what, raw, where) => {
    expect(readStoredObject(raw, 1)).toMatchObject({ ok: false, detail: where });
  });

  it('refuse an op whose objects are not records of a known kind', () => {
    expect(readStoredOp({ id: 'o', kind: 'add', objects: [{ type: 'sticker' }] }, 1)).toMatchObject({
      ok: false,
      detail: 'objects.0.type',
    });
    expect(readStoredOp({ id: 'o', kind: 'erase', ids: ['a'] }, 1)).toMatchObject({ ok: false });
    expect(readStoredOp(null, 1)).toMatchObject({ ok: false, reason: REJECT.invalidPayload });
  });
});

describe('planOp limits', () => {
  const long = makeText('t', 'あ'.repeat(LIMITS.textLength + 1));
  const board = new Map<string, BoardObject>([[long.id, long]]);
  const setText: Op = {
    id: 'p',
    kind: 'patch',
    patches: [{ id: 't', set: { text: long.text + 'い' } }],
  } as const;

  it('checks what a new patch sets, not the old record it lands on', () => {
    const move: Op = { id: 'p', kind: 'patch', patches: [{ id: 't', set: { color: '#1C7ED6' } }] };
    expect(planOp(board, move)).toMatchObject({
      ok: true,
      value: { updated: [{ ...long, color: '#1c7ed6' }] },
    });
    expect(planOp(board, setText)).toEqual({ ok: false, reason: REJECT.textTooLong, detail: 'text' });
  });

  it('replays a stored patch without today’s limits, but not a broken one', () => {
    expect(planOp(board, setText, 'stored')).toMatchObject({ ok: true });
    const broken: Op = { id: 'p', kind: 'patch', patches: [{ id: 't', set: { color: 'red' } }] };
    expect(planOp(board, broken, 'stored')).toMatchObject({ ok: false, reason: REJECT.invalidColor });
  });
});

describe('migrations', () => {
  /** Steps of an imagined version 3, listed out of order, recording the order they ran in. */
  function registry(ran: string[]) {
    const step = (
      kind: Migration['kind'],
      from: number,
      migrate: (r: StoredRecord) => StoredRecord,
    ): Migration => ({
      kind,
      from,
      to: from + 1,
      migrate: (r) => {
        ran.push(`${kind} ${from}`);
        return migrate(r);
      },
    });
    return defineMigrations(3, [
      // Version 1 wrote `content` and `weight`; 2 made them `body` and `bold`; 3 renamed `body`.
      step('text', 2, ({ body, ...r }) => ({ ...r, text: body })),
      step('text', 1, ({ weight, content, ...r }) => ({ ...r, bold: weight === 'bold', body: content })),
      step('op', 1, (r) => ({ ...r, kind: r.kind === 'insert' ? 'add' : r.kind })),
      step('meta', 2, ({ name, ...r }) => ({ ...r, title: name })),
    ]);
  }
  const v1Text = { ...makeText('t', ''), text: undefined, bold: undefined, content: '支援', weight: 'bold' };

  it('runs a kind’s steps from the record’s version, in version order', () => {
    const ran: string[] = [];
    const result = readStoredObject(v1Text, 1, registry(ran));
    expect(ran).toEqual(['text 1', 'text 2']);
    expect(result).toEqual({ ok: true, value: { ...makeText('t', '支援'), bold: true } });
  });

  it('skips the steps before the record’s version and those of other kinds', () => {
    const ran: string[] = [];
    const v2 = { ...makeText('t', ''), text: undefined, body: '支援' };
    expect(readStoredObject(v2, 2, registry(ran))).toEqual({ ok: true, value: makeText('t', '支援') });
    expect(ran).toEqual(['text 2']);
    ran.length = 0;
    expect(readStoredObject(makeText('t', 'a'), 3, registry(ran))).toMatchObject({ ok: true });
    expect(readStoredObject(makeStroke(0, 0, 2, 's'), 1, registry(ran))).toMatchObject({ ok: true });
    expect(ran).toEqual([]);
  });

  it('migrates an op, then the objects it carries, and a meta’s stamp objects', () => {
    const ran: string[] = [];
    const op = readStoredOp({ id: 'o', kind: 'insert', objects: [v1Text] }, 1, registry(ran));
    expect(ran).toEqual(['op 1', 'text 1', 'text 2']);
    expect(op).toMatchObject({ ok: true, value: { kind: 'add', objects: [{ text: '支援', bold: true }] } });
    ran.length = 0;
    const meta = boardMetaSchema.parse({
      id: 'b',
      title: 'x',
      width: 3840,
      height: 2160,
      createdAt: 1,
      locked: false,
    });
    const stamp = { id: 'sp', name: 'n', w: 10, h: 10, objects: [v1Text] };
    const read = readStoredMeta(
      { ...meta, title: undefined, name: '昔の題', stamps: [stamp] },
      1,
      registry(ran),
    );
    expect(ran).toEqual(['meta 2', 'text 1', 'text 2']);
    expect(read).toMatchObject({
      ok: true,
      value: { title: '昔の題', stamps: [{ objects: [{ text: '支援' }] }] },
    });
  });

  it('refuses versions it cannot migrate', () => {
    for (const v of [0, 4, 1.5]) {
      expect(migrateRecord(registry([]), 'text', {}, v)).toMatchObject({
        ok: false,
        reason: REJECT.invalidPayload,
      });
    }
    expect(readStoredObject(makeText('t', 'a'), 4, registry([]))).toMatchObject({ ok: false });
  });

  it.each<[string, Migration]>([
    ['skips a version', { kind: 'text', from: 1, to: 3, migrate: (r) => r }],
    ['goes past the current version', { kind: 'text', from: 3, to: 4, migrate: (r) => r }],
    ['goes down', { kind: 'text', from: 2, to: 1, migrate: (r) => r }],
    ['names no known kind', { kind: 'sticker' as Migration['kind'], from: 1, to: 2, migrate: (r) => r }],
  ])('refuses a registry where a step %s', (_what, bad) => {
    expect(() => defineMigrations(3, [bad])).toThrow();
  });

  it('refuses two steps of a kind from the same version', () => {
    const same: Migration = { kind: 'op', from: 1, to: 2, migrate: (r) => r };
    expect(() => defineMigrations(2, [same, { ...same }])).toThrow(/twice/);
    expect(() => defineMigrations(2, [same, { ...same, kind: 'meta' }])).not.toThrow();
  });
});

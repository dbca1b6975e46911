import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idSchema, isId, newId } from '../../shared/ids';
import { migrateRecord, MIGRATIONS, SCHEMA_VERSION } from '../../shared/migrations';
import { isRejectReason, REJECT } from '../../shared/reject-reasons';
import { fail, ok } from '../../shared/result';

describe('ids', () => {
  it('newId makes 21-character ids the schema accepts, all different', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 1_000; i++) {
      const id = newId();
      expect(id).toHaveLength(21);
      expect(isId(id)).toBe(true);
      ids.add(id);
    }
    expect(ids.size).toBe(1_000);
  });

  it('isId agrees with idSchema on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        expect(isId(s)).toBe(idSchema.safeParse(s).success);
        if (isId(s)) expect(s).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it.each(['..', '.', '/', 'a/b', 'a\\b', 'a.b', ''])('isId refuses %j', (s) => {
    expect(isId(s)).toBe(false);
  });
});

describe('reject reasons', () => {
  it('every REJECT value is recognised, and nothing else is', () => {
    for (const reason of Object.values(REJECT)) expect(isRejectReason(reason)).toBe(true);
    for (const other of ['', 'invalidId', 'INVALID_ID', 'toString', '__proto__', 1, null, undefined]) {
      expect(isRejectReason(other)).toBe(false);
    }
  });

  it('reasons are unique snake_case strings (they cross the wire)', () => {
    const values = Object.values(REJECT);
    expect(new Set(values).size).toBe(values.length);
    for (const v of values) expect(v).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('fail omits detail when there is none', () => {
    expect(fail(REJECT.boardFull)).toEqual({ ok: false, reason: 'board_full' });
    expect(Object.keys(fail(REJECT.boardFull))).not.toContain('detail');
    expect(fail(REJECT.unknownObject, 'a')).toEqual({ ok: false, reason: 'unknown_object', detail: 'a' });
    expect(ok(3)).toEqual({ ok: true, value: 3 });
  });
});

describe('migrateRecord', () => {
  it('returns a current record unchanged', () => {
    const record = { id: 'a', type: 'stroke' };
    expect(migrateRecord(MIGRATIONS, 'stroke', record, SCHEMA_VERSION)).toEqual(ok(record));
  });

  it.each([0, -1, SCHEMA_VERSION + 1, 1.5, NaN])('refuses schema version %s', (v) => {
    const result = migrateRecord(MIGRATIONS, 'stroke', {}, v);
    expect(result).toMatchObject({ ok: false, reason: REJECT.invalidPayload });
    expect(result.ok ? '' : result.detail).toMatch(/cannot migrate/);
  });
});

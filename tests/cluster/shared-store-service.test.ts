import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BoardService } from '../../server/boards/board-service';
import { REJECT } from '../../shared/reject-reasons';
import { createPostgresStore, type PostgresStore } from '../../server/store/postgres-store';
import { addOp, makeStroke, removeOp } from '../helpers/fixtures';
import { startPostgres, uniqueSchema } from '../helpers/services';

/**
 * Two board services over one PostgreSQL schema, as two nodes would hold them: each caches the
 * board, and neither may hand out a seq the other already gave, or serve a stale snapshot.
 */
const postgres = await startPostgres();
afterAll(async () => {
  if (postgres.ok) await postgres.service.stop();
});

describe.skipIf(!postgres.ok)('board services sharing a PostgreSQL store', () => {
  const url = postgres.ok ? postgres.service.url : '';
  const secret = Buffer.alloc(32, 7);
  let schema: string;
  let stores: PostgresStore[];
  let one: BoardService;
  let two: BoardService;

  beforeEach(async () => {
    schema = uniqueSchema('svc');
    stores = [await createPostgresStore({ url, schema }), await createPostgresStore({ url, schema })];
    [one, two] = stores.map((store) => new BoardService({ store, secret, adminToken: 'admin' })) as [
      BoardService,
      BoardService,
    ];
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  });

  it('interleaves writers on both into one gap-free sequence, each cache catching up', async () => {
    const { board } = await one.lifecycle.create({ title: 'shared' });
    const id = board.meta.id;
    // Both caches loaded before anyone writes: both are about to go stale.
    await Promise.all([one.writer.document(id), two.writer.document(id)]);
    async function write(svc: BoardService, tag: string) {
      const seqs: number[] = [];
      for (let i = 0; i < 30; i++) {
        const r = await svc.writer.submit(id, tag, addOp(makeStroke(i, i, 4, `${tag}-${i}`)));
        if (!r.ok) throw new Error(`refused: ${r.reason}`);
        seqs.push(r.seq);
      }
      return seqs;
    }
    const [a, b] = await Promise.all([write(one, 'one'), write(two, 'two')]);
    expect([...a, ...b].sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_v, i) => i + 1));
    // A removal planned on a cache that must first learn of the other node's strokes.
    const removed = await two.writer.submit(id, 'two', removeOp('one-29'));
    expect(removed).toMatchObject({ ok: true, seq: 61 });
    for (const svc of [one, two]) {
      const doc = await svc.writer.document(id);
      expect(doc?.seq).toBe(61);
      expect(doc?.objects).toHaveLength(59);
      const tail = await svc.writer.since(id, 59);
      expect(tail.ok && tail.ops.map((c) => c.seq)).toEqual([60, 61]);
    }
  });

  it('answers a resend through the other node with the first seq and applies it once', async () => {
    const { board } = await one.lifecycle.create({ title: 'dedupe' });
    const id = board.meta.id;
    const op = addOp(makeStroke(0, 0, 4, 'once'));
    await two.writer.document(id);
    const [x, y] = await Promise.all([one.writer.submit(id, 'c', op), two.writer.submit(id, 'c', op)]);
    expect(x).toMatchObject({ ok: true, seq: 1 });
    expect(y).toMatchObject({ ok: true, seq: 1 });
    // Exactly one of the two reports the commit; the other answers the resend.
    expect([x, y].filter((r) => r.ok && r.committed !== null)).toHaveLength(1);
    expect((await two.writer.document(id))?.objects.map((o) => o.id)).toEqual(['once']);
  });

  it('sees a lock, a key rotation and a deletion made through the other node', async () => {
    const { board, keys } = await one.lifecycle.create({ title: 'meta' });
    const id = board.meta.id;
    await two.writer.find(id);
    await one.writer.setLocked(id, true);
    expect(await two.writer.submit(id, 'c', addOp(makeStroke(0, 0)))).toMatchObject({
      ok: false,
      reason: REJECT.boardLocked,
    });
    const rotated = await one.access.rotateKey(id, 'view');
    const seen = await two.writer.find(id);
    expect(seen && two.access.roleFor(seen, keys.viewKey)).toBeUndefined();
    expect(seen && rotated && two.access.roleFor(seen, rotated.keys.viewKey)).toBe('viewer');
    await one.lifecycle.deleteBoard(id);
    expect(await two.writer.find(id)).toBeUndefined();
    expect(await two.writer.document(id)).toBeUndefined();
  });
});

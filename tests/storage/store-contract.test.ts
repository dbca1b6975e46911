import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boardMetaSchema } from '../../shared/board';
import type { Stroke } from '../../shared/objects/stroke';
import type { CommittedOp } from '../../shared/ops';
import { createMemoryStore } from '../../server/store/memory-store';
import { createSqliteStore } from '../../server/store/sqlite-store';
import { createPostgresStore } from '../../server/store/postgres-store';
import { StaleSeqError } from '../../server/store/stale-seq';
import type { BoardStore, StoredBoard } from '../../server/store/store';
import { addOp, makeStroke, makeText, removeOp } from '../helpers/fixtures';
import { startPostgres, uniqueSchema } from '../helpers/services';

// A real PostgreSQL: CI's, DATABASE_URL's, or a throwaway cluster (skipped only outside CI
// when PostgreSQL is not installed).
const postgres = await startPostgres();
const pgUrl = postgres.ok ? postgres.service.url : undefined;
afterAll(async () => {
  if (postgres.ok) await postgres.service.stop();
});

/** Drops the schema a test's PostgreSQL store lived in. */
async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

function board(id: string, createdAt = 1_000): StoredBoard {
  return {
    meta: boardMetaSchema.parse({
      id,
      title: `board ${id}`,
      width: 3840,
      height: 2160,
      createdAt,
      locked: false,
    }),
    seq: 0,
    editKeyHash: 'e'.repeat(64),
    viewKeyHash: 'v'.repeat(64),
    editKeySealed: 'sealed-e',
    viewKeySealed: 'sealed-v',
  };
}

/** Makes a fresh, empty store; `dir` is a temporary directory, also used to name a schema. */
type MakeStore = (dir: string) => BoardStore | Promise<BoardStore>;

const stores: [string, MakeStore][] = [
  ['memory', () => createMemoryStore()],
  ['sqlite', (dir) => createSqliteStore(dir)],
];
if (pgUrl) stores.push(['postgres', (dir) => createPostgresStore({ url: pgUrl, schema: schemaOf(dir) })]);

function schemaOf(dir: string): string {
  return `contract_${dir
    .slice(-6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '_')}_${process.pid}`;
}

describe.each(stores)('storage contract: %s', (kind, make) => {
  let dir: string;
  let store: BoardStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'grareco-store-'));
    store = await make(dir);
  });
  afterEach(async () => {
    await store.close();
    if (kind === 'postgres' && pgUrl) await dropSchema(pgUrl, schemaOf(dir));
    rmSync(dir, { recursive: true, force: true });
  });

  async function commitOp(boardId: string, seq: number, op: CommittedOp['op']) {
    const added = op.kind === 'add' ? op.objects : [];
    const removed = op.kind === 'remove' ? op.ids : [];
    await store.commit({
      boardId,
      committed: { seq, at: 5_000 + seq, actor: 'client-a', op },
      changes: { added, removed },
    });
  }

  it('creates, reads and lists boards newest first', async () => {
    await store.createBoard(board('a', 1));
    await store.createBoard(board('b', 3));
    await store.createBoard(board('c', 2));
    expect(await store.getBoard('a')).toEqual(board('a', 1));
    expect(await store.getBoard('nope')).toBeUndefined();
    expect((await store.listBoards()).map((b) => b.meta.id)).toEqual(['b', 'c', 'a']);
  });

  it('refuses a second board with the same id', async () => {
    await store.createBoard(board('a'));
    await expect(store.createBoard(board('a'))).rejects.toThrow();
  });

  it('commits ops in sequence and keeps objects in paint order', async () => {
    await store.createBoard(board('a'));
    const s1 = makeStroke(0, 0, 4, 's1');
    const s2 = makeStroke(10, 10, 4, 's2');
    const s3 = makeStroke(20, 20, 4, 's3');
    await commitOp('a', 1, addOp(s1, s2));
    await commitOp('a', 2, addOp(s3));
    await commitOp('a', 3, removeOp('s2'));
    expect((await store.loadObjects('a')).map((o) => o.id)).toEqual(['s1', 's3']);
    expect((await store.getBoard('a'))?.seq).toBe(3);
    expect(await store.loadObjects('a')).toEqual([s1, s3]);
  });

  it('updates records in place and reorders them to the front or back', async () => {
    await store.createBoard(board('a'));
    const [a, b, c] = ['a1', 'b1', 'c1'].map((id, i) => makeStroke(i, i, 4, id)) as [Stroke, Stroke, Stroke];
    await commitOp('a', 1, addOp(a, b, c));
    const moved: Stroke = { ...b, color: '#d9480f', transform: [1, 0, 0, 1, 50, 60] };
    await store.commit({
      boardId: 'a',
      committed: {
        seq: 2,
        at: 1,
        actor: 'x',
        op: { id: 'p1', kind: 'patch', patches: [{ id: 'b1', set: {} }] },
      },
      changes: { added: [], removed: [], updated: [moved] },
    });
    expect((await store.loadObjects('a')).map((o) => o.id)).toEqual(['a1', 'b1', 'c1']);
    expect((await store.loadObjects('a'))[1]).toEqual(moved);
    const reorder = (seq: number, ids: string[], to: 'front' | 'back') =>
      store.commit({
        boardId: 'a',
        committed: { seq, at: 1, actor: 'x', op: { id: `r${seq}`, kind: 'reorder', ids, to } },
        changes: { added: [], removed: [], moved: { ids, to } },
      });
    await reorder(3, ['a1'], 'front');
    expect((await store.loadObjects('a')).map((o) => o.id)).toEqual(['b1', 'c1', 'a1']);
    await reorder(4, ['c1', 'a1'], 'back');
    expect((await store.loadObjects('a')).map((o) => o.id)).toEqual(['c1', 'a1', 'b1']);
    await commitOp('a', 5, addOp(makeStroke(0, 0, 4, 'd1')));
    expect((await store.loadObjects('a')).map((o) => o.id)).toEqual(['c1', 'a1', 'b1', 'd1']);
  });

  it('answers the log after a sequence number, bounded by the limit', async () => {
    await store.createBoard(board('a'));
    const ops = [addOp(makeStroke(0, 0)), addOp(makeStroke(1, 1)), addOp(makeStroke(2, 2))];
    for (const [i, op] of ops.entries()) await commitOp('a', i + 1, op);
    const tail = await store.opsSince('a', 1, 10);
    expect(tail.map((c) => c.seq)).toEqual([2, 3]);
    expect(tail[0]).toEqual({ seq: 2, at: 5_002, actor: 'client-a', op: ops[1] });
    expect((await store.opsSince('a', 0, 2)).map((c) => c.seq)).toEqual([1, 2]);
    expect(await store.opsSince('a', 3, 10)).toEqual([]);
  });

  it('finds committed op ids and only those', async () => {
    await store.createBoard(board('a'));
    const op = addOp(makeStroke(0, 0));
    await commitOp('a', 1, op);
    expect(await store.findOp('a', op.id)).toBe(1);
    expect(await store.findOp('a', 'missing')).toBeUndefined();
  });

  it('refuses an out-of-order seq and changes nothing', async () => {
    await store.createBoard(board('a'));
    await expect(commitOp('a', 2, addOp(makeStroke(0, 0)))).rejects.toThrow();
    expect((await store.getBoard('a'))?.seq).toBe(0);
    expect(await store.loadObjects('a')).toEqual([]);
    expect(await store.opsSince('a', 0, 10)).toEqual([]);
  });

  it('refuses a reused op id atomically', async () => {
    await store.createBoard(board('a'));
    const op = addOp(makeStroke(0, 0, 4, 'x1'));
    await commitOp('a', 1, op);
    await expect(commitOp('a', 2, { ...op, objects: [makeStroke(5, 5, 4, 'x2')] })).rejects.toThrow();
    expect((await store.loadObjects('a')).map((o) => o.id)).toEqual(['x1']);
    expect((await store.getBoard('a'))?.seq).toBe(1);
  });

  it('updates meta and keys without touching the sequence', async () => {
    await store.createBoard(board('a'));
    await commitOp('a', 1, addOp(makeStroke(0, 0)));
    const changed = {
      ...board('a'),
      meta: { ...board('a').meta, locked: true },
      viewKeyHash: 'w'.repeat(64),
    };
    await store.updateBoard(changed);
    const got = await store.getBoard('a');
    expect(got?.meta.locked).toBe(true);
    expect(got?.viewKeyHash).toBe('w'.repeat(64));
    expect(got?.seq).toBe(1);
  });

  it('keeps assets per board, byte for byte, and ignores a second put of the same id', async () => {
    await store.createBoard(board('a'));
    await store.createBoard(board('b'));
    const asset = { boardId: 'a', id: 'f'.repeat(64), mime: 'image/png', width: 4, height: 3, createdAt: 7 };
    await store.putAsset({ ...asset, bytes: Buffer.from([1, 2, 3]) });
    await store.putAsset({ ...asset, bytes: Buffer.from([9]) });
    const got = await store.getAsset('a', asset.id);
    expect(got && { ...got, bytes: [...got.bytes] }).toEqual({ ...asset, bytes: [1, 2, 3] });
    expect(await store.getAsset('b', asset.id)).toBeUndefined();
    expect(await store.getAsset('a', 'e'.repeat(64))).toBeUndefined();
  });

  it('lists the assets of a board oldest first without their bytes, and deletes the ones named', async () => {
    await store.createBoard(board('a'));
    await store.createBoard(board('b'));
    const asset = (id: string, createdAt: number, size: number, boardId = 'a') => ({
      boardId,
      id: id.repeat(64),
      mime: 'image/png',
      width: 1,
      height: 1,
      createdAt,
      bytes: Buffer.alloc(size, 7),
    });
    await store.putAsset(asset('c', 30, 5));
    await store.putAsset(asset('d', 10, 3));
    await store.putAsset(asset('c', 20, 2, 'b'));
    expect(await store.listAssets('a')).toEqual([
      { id: 'd'.repeat(64), size: 3, createdAt: 10 },
      { id: 'c'.repeat(64), size: 5, createdAt: 30 },
    ]);
    await store.deleteAssets('a', ['c'.repeat(64), 'e'.repeat(64)]);
    await store.deleteAssets('a', []);
    expect((await store.listAssets('a')).map((a) => a.id)).toEqual(['d'.repeat(64)]);
    expect(await store.getAsset('a', 'c'.repeat(64))).toBeUndefined();
    // The same id on another board is another asset.
    expect((await store.listAssets('b')).map((a) => a.id)).toEqual(['c'.repeat(64)]);
  });

  it('tells which asset ids the log of a board mentions', async () => {
    await store.createBoard(board('a'));
    await store.createBoard(board('b'));
    const [used, unused, elsewhere] = ['1', '2', '3'].map((c) => c.repeat(64)) as [string, string, string];
    const image = (id: string, assetId: string) => ({
      id,
      type: 'image' as const,
      assetId,
      w: 10,
      h: 10,
      transform: [1, 0, 0, 1, 0, 0] as [number, number, number, number, number, number],
    });
    await commitOp('a', 1, addOp(image('i1', used)));
    await commitOp('a', 2, removeOp('i1'));
    await commitOp('b', 1, addOp(image('i2', elsewhere)));
    expect(await store.referencedAssets('a', [used, unused, elsewhere])).toEqual([used]);
    expect(await store.referencedAssets('a', [])).toEqual([]);
  });

  it('counts the UTF-8 bytes of the log of a board as stored', async () => {
    await store.createBoard(board('a'));
    await store.createBoard(board('b'));
    expect(await store.logBytes('a')).toBe(0);
    const ops = [addOp(makeStroke(0, 0, 4, 's1')), addOp(makeText('t1', '重層的支援'))];
    for (const [i, op] of ops.entries()) await commitOp('a', i + 1, op);
    await commitOp('b', 1, addOp(makeStroke(0, 0, 40, 's2')));
    const expected = ops.reduce((n, op) => n + Buffer.byteLength(JSON.stringify(op)), 0);
    expect(await store.logBytes('a')).toBe(expected);
    // JSON handed in by the caller is stored as it is (and counted so).
    const op = addOp(makeStroke(0, 0, 2, 's3'));
    const opJson = JSON.stringify(op);
    await store.commit({
      boardId: 'a',
      committed: { seq: 3, at: 9, actor: 'c', op },
      changes: { added: op.objects, removed: [] },
      opJson,
    });
    expect(await store.logBytes('a')).toBe(expected + Buffer.byteLength(opJson));
  });

  it('deletes a board with everything it holds, and only that board', async () => {
    await store.createBoard(board('a'));
    await store.createBoard(board('b'));
    await commitOp('a', 1, addOp(makeStroke(0, 0, 4, 'gone')));
    await commitOp('b', 1, addOp(makeStroke(0, 0, 4, 'kept')));
    const asset = { boardId: 'a', id: 'f'.repeat(64), mime: 'image/png', width: 1, height: 1, createdAt: 1 };
    await store.putAsset({ ...asset, bytes: Buffer.from([1]) });
    expect(await store.lastOpAt('a')).toBe(5_001);
    await store.deleteBoard('a');
    expect(await store.getBoard('a')).toBeUndefined();
    expect(await store.getAsset('a', asset.id)).toBeUndefined();
    expect(await store.lastOpAt('a')).toBeUndefined();
    expect((await store.listBoards()).map((x) => x.meta.id)).toEqual(['b']);
    expect((await store.loadObjects('b')).map((o) => o.id)).toEqual(['kept']);
  });

  it('keeps boards apart', async () => {
    await store.createBoard(board('a'));
    await store.createBoard(board('b'));
    await commitOp('a', 1, addOp(makeStroke(0, 0, 4, 'only-a')));
    expect(await store.loadObjects('b')).toEqual([]);
    expect(await store.opsSince('b', 0, 10)).toEqual([]);
  });
});

/** The journal mode as the database file itself says, through a connection of our own. */
function fileJournalMode(dir: string): string {
  const db = new Database(join(dir, 'grareco.sqlite'), { readonly: true });
  try {
    return String(db.pragma('journal_mode', { simple: true }));
  } finally {
    db.close();
  }
}

describe('sqlite store durability', () => {
  it('commits in WAL mode with synchronous=FULL, on a fresh and on a reopened database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grareco-store-'));
    try {
      const fresh = createSqliteStore(dir);
      // FULL fsyncs the WAL at every commit: an ack survives a power cut, not only kill -9.
      expect(fresh.durability).toBe('journal_mode=wal, synchronous=full');
      await fresh.createBoard(board('a'));
      expect(fileJournalMode(dir)).toBe('wal');
      await fresh.close();
      const reopened = createSqliteStore(dir);
      expect(reopened.durability).toBe('journal_mode=wal, synchronous=full');
      expect(fileJournalMode(dir)).toBe('wal');
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps everything across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grareco-store-'));
    try {
      const first = createSqliteStore(dir);
      await first.createBoard(board('a'));
      const s = makeStroke(0, 0, 4, 'kept');
      await first.commit({
        boardId: 'a',
        committed: { seq: 1, at: 1, actor: 'c', op: addOp(s) },
        changes: { added: [s], removed: [] },
      });
      await first.close();
      const second = createSqliteStore(dir);
      expect((await second.getBoard('a'))?.seq).toBe(1);
      expect(await second.loadObjects('a')).toEqual([s]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!pgUrl)('postgres store across processes', () => {
  const url = pgUrl as string;
  let schema: string;
  let a: Awaited<ReturnType<typeof createPostgresStore>>;
  let b: Awaited<ReturnType<typeof createPostgresStore>>;

  beforeEach(async () => {
    schema = uniqueSchema('pair');
    // Two pools on one schema stand for two grareco nodes sharing the database.
    [a, b] = await Promise.all([createPostgresStore({ url, schema }), createPostgresStore({ url, schema })]);
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await dropSchema(url, schema);
  });

  function commitVia(store: BoardStore, seq: number, id: string) {
    const s = makeStroke(seq, seq, 4, `s-${id}`);
    return store.commit({
      boardId: 'a',
      committed: { seq, at: seq, actor: id, op: { ...addOp(s), id } },
      changes: { added: [s], removed: [] },
    });
  }

  it('refuses a stale seq from the other node with StaleSeqError and the store seq', async () => {
    await a.createBoard(board('a'));
    await commitVia(a, 1, 'op-1');
    const stale = await commitVia(b, 1, 'op-2').catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(StaleSeqError);
    expect((stale as StaleSeqError).storeSeq).toBe(1);
    await commitVia(b, 2, 'op-2');
    expect((await a.opsSince('a', 0, 10)).map((c) => [c.seq, c.op.id])).toEqual([
      [1, 'op-1'],
      [2, 'op-2'],
    ]);
  });

  it('refuses an op id the other node already committed with StaleSeqError', async () => {
    await a.createBoard(board('a'));
    await commitVia(a, 1, 'same');
    await expect(commitVia(b, 2, 'same')).rejects.toBeInstanceOf(StaleSeqError);
    expect((await b.getBoard('a'))?.seq).toBe(1);
  });

  it('serialises concurrent commits: exactly one of two racing writers gets each seq', async () => {
    await a.createBoard(board('a'));
    let next = 1;
    const winners: string[] = [];
    for (let round = 0; round < 20; round++) {
      const seq = next;
      const results = await Promise.allSettled([
        commitVia(a, seq, `a-${round}`),
        commitVia(b, seq, `b-${round}`),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled').length;
      expect(won).toBe(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StaleSeqError);
      winners.push(results[0]?.status === 'fulfilled' ? 'a' : 'b');
      next++;
    }
    const log = await a.opsSince('a', 0, 100);
    expect(log.map((c) => c.seq)).toEqual(Array.from({ length: 20 }, (_v, i) => i + 1));
    expect((await a.loadObjects('a')).length).toBe(20);
  });

  it('keeps everything across a reopen and shares settings between nodes', async () => {
    await a.createBoard(board('a'));
    await commitVia(a, 1, 'kept');
    await a.close();
    a = await createPostgresStore({ url, schema });
    expect((await a.getBoard('a'))?.seq).toBe(1);
    expect((await a.loadObjects('a')).map((o) => o.id)).toEqual(['s-kept']);
    const first = await a.setting('secret', () => 'from-a');
    expect(first).toBe('from-a');
    expect(await b.setting('secret', () => 'from-b')).toBe('from-a');
  });
});

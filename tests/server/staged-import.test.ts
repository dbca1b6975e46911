import { mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boardMetaSchema } from '../../shared/board';
import type { CommittedOp } from '../../shared/ops';
import type { Stroke } from '../../shared/objects/stroke';
import { createMemoryStore } from '../../server/store/memory-store';
import { createPostgresStore } from '../../server/store/postgres-store';
import { createSqliteStore } from '../../server/store/sqlite-store';
import { clearStagingDir, nextTurn, writeStagedImport } from '../../server/store/staged-import';
import type { BoardStore, StoredBoard } from '../../server/store/store';
import { addOp, makeStroke } from '../helpers/fixtures';
import { makePng } from '../helpers/images';
import { startPostgres, uniqueSchema } from '../helpers/services';

const postgres = await startPostgres();
afterAll(async () => {
  if (postgres.ok) await postgres.service.stop();
});

function storedBoard(id: string, seq: number): StoredBoard {
  const meta = boardMetaSchema.parse({
    id,
    title: id,
    createdAt: 1_700_000_000_000,
    width: 3840,
    height: 2160,
    locked: false,
  });
  return {
    meta,
    seq,
    editKeyHash: 'e'.repeat(64),
    viewKeyHash: 'v'.repeat(64),
    editKeySealed: 'x',
    viewKeySealed: 'y',
  };
}

/** A log of `count` one-stroke ops and the objects it leaves, as restoreArchive gives them. */
function history(count: number): { log: CommittedOp[]; objects: Stroke[] } {
  const objects = Array.from({ length: count }, (_, i) => makeStroke(i % 3000, i % 2000, 20, `s${i}`));
  const log = objects.map((o, i) => ({
    seq: i + 1,
    at: 1_700_000_000_000 + i,
    actor: 'recorder',
    op: addOp(o),
  }));
  return { log, objects };
}

interface Kind {
  name: string;
  skip: boolean;
  open(dir: string): Promise<BoardStore>;
  /** Removes what open made outside the data dir. */
  cleanup?(): Promise<void>;
}

let schema = '';
const kinds: Kind[] = [
  { name: 'memory', skip: false, open: async () => createMemoryStore() },
  { name: 'sqlite', skip: false, open: async (dir) => createSqliteStore(dir) },
  {
    name: 'postgres',
    skip: !postgres.ok,
    open: async () => {
      schema = uniqueSchema('stage');
      return createPostgresStore({ url: postgres.ok ? postgres.service.url : '', schema });
    },
    cleanup: async () => {
      const c = new pg.Client({ connectionString: postgres.ok ? postgres.service.url : '' });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  },
];

for (const kind of kinds) {
  describe.skipIf(kind.skip)(`an archive import staged in a file, into the ${kind.name} store`, () => {
    let dir: string;
    let store: BoardStore;
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'grareco-stage-'));
      store = await kind.open(dir);
    });
    afterEach(async () => {
      await store.close();
      await kind.cleanup?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it('copies the log, the objects in paint order and the images exactly', async () => {
      const { log, objects } = history(1_234);
      const png = makePng(8, 4);
      const asset = { id: 'a'.repeat(64), mime: 'image/png', width: 8, height: 4, createdAt: 5, bytes: png };
      const staged = writeStagedImport(join(dir, 'one.sqlite'), log, objects, [asset]);
      await store.importBoard(storedBoard('imported', log.length), staged);

      expect((await store.getBoard('imported'))?.seq).toBe(1_234);
      expect(await store.opsSince('imported', 0, 10_000)).toEqual(log);
      expect(await store.loadObjects('imported')).toEqual(objects);
      const got = await store.getAsset('imported', asset.id);
      expect(got && Buffer.compare(got.bytes, png)).toBe(0);
      expect(got).toMatchObject({ mime: 'image/png', width: 8, height: 4, createdAt: 5 });
    });

    it('lets another board commit while a long log moves in, and shows the board only whole', async () => {
      await store.createBoard(storedBoard('live', 0));
      const { log, objects } = history(6_000);
      const staged = writeStagedImport(join(dir, 'long.sqlite'), log, objects, []);
      let settled = false;
      const importing = store.importBoard(storedBoard('big', log.length), staged).finally(() => {
        settled = true;
      });
      const seen: boolean[] = [];
      for (let seq = 1; seq <= 3; seq++) {
        const stroke = makeStroke(seq, seq, 4, `live${seq}`);
        await store.commit({
          boardId: 'live',
          committed: { seq, at: seq, actor: 'recorder', op: addOp(stroke) },
          changes: { added: [stroke], removed: [] },
        });
        // Half-imported, the board is neither listed nor found.
        seen.push((await store.listBoards()).some((b) => b.meta.id === 'big'));
        expect(await store.getBoard('big')).toBeUndefined();
        await nextTurn();
      }
      // The live board's commits landed while the import was still copying.
      expect(settled).toBe(false);
      expect(seen).toEqual([false, false, false]);
      await importing;
      expect((await store.listBoards()).map((b) => b.meta.id).sort()).toEqual(['big', 'live']);
      expect((await store.opsSince('big', 5_990, 100)).map((c) => c.seq)).toEqual([
        5_991, 5_992, 5_993, 5_994, 5_995, 5_996, 5_997, 5_998, 5_999, 6_000,
      ]);
      expect((await store.getBoard('live'))?.seq).toBe(3);
    });
  });
}

describe('a crash in the middle of an import (SQLite)', () => {
  it('leaves no half board: the next start removes it, log and all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grareco-stage-'));
    try {
      const store = createSqliteStore(dir);
      const { log, objects } = history(4_000);
      const staged = writeStagedImport(join(dir, 'cut.sqlite'), log, objects, []);
      const importing = store.importBoard(storedBoard('cut', log.length), staged).then(
        () => 'finished',
        (err: unknown) => err,
      );
      await nextTurn();
      await nextTurn();
      // The process goes away with the copy half done.
      await store.close();
      expect(await importing).toBeInstanceOf(Error);

      const reopened = createSqliteStore(dir);
      try {
        expect(await reopened.listBoards()).toEqual([]);
        expect(await reopened.opsSince('cut', 0, 10)).toEqual([]);
        expect(await reopened.loadObjects('cut')).toEqual([]);
        // The id is free again: nothing of the first try is in the way.
        const again = writeStagedImport(join(dir, 'again.sqlite'), log, objects, []);
        await reopened.importBoard(storedBoard('cut', log.length), again);
        expect((await reopened.getBoard('cut'))?.seq).toBe(4_000);
      } finally {
        await reopened.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the staging folder at start', () => {
  it('removes files a crash left an hour ago and keeps an import in progress', () => {
    const dir = mkdtempSync(join(tmpdir(), 'grareco-stage-'));
    try {
      writeFileSync(join(dir, 'old.sqlite'), 'x');
      writeFileSync(join(dir, 'fresh.sqlite'), 'x');
      const twoHoursAgo = (Date.now() - 2 * 60 * 60_000) / 1000;
      utimesSync(join(dir, 'old.sqlite'), twoHoursAgo, twoHoursAgo);
      expect(clearStagingDir(dir)).toBe(1);
      expect(existsSync(join(dir, 'old.sqlite'))).toBe(false);
      expect(existsSync(join(dir, 'fresh.sqlite'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { BoardService } from '../../server/boards/board-service';
import { ASSET_SWEEP } from '../../server/boards/asset-sweep';
import { createMemoryStore } from '../../server/store/memory-store';
import { createSqliteStore } from '../../server/store/sqlite-store';
import type { BoardStore } from '../../server/store/store';
import { REJECT } from '../../shared/reject-reasons';
import type { Op } from '../../shared/ops';
import { makePng } from '../helpers/images';
import { createBoard, keyOf } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MINUTE = 60_000;
/** Three distinct images of one size. */
const PNGS = [makePng(40, 30, [200, 10, 10]), makePng(40, 30, [10, 200, 10]), makePng(40, 30, [10, 10, 200])];
const SIZE = Math.max(...PNGS.map((p) => p.length));

function placeOp(opId: string, recordId: string, assetId: string): Op {
  return {
    id: opId,
    kind: 'add',
    objects: [{ id: recordId, type: 'image', assetId, w: 40, h: 30, transform: [1, 0, 0, 1, 100, 100] }],
  };
}

describe.each([
  ['memory', () => createMemoryStore()],
  ['sqlite', (dir: string) => createSqliteStore(dir)],
] as const)('uploads: a quota per board, unused ones collected (#14, %s store)', (_kind, make) => {
  let now = 1_000_000;
  let dir: string;
  let store: BoardStore;
  let boards: BoardService;
  let boardId: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'grareco-assets-'));
    store = make(dir);
    now = 1_000_000;
    return async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    };
  });

  /** A service on the test's store whose clock the test moves, with this upload quota. */
  async function service(quotaBytes: number): Promise<void> {
    boards = new BoardService({
      store,
      secret: Buffer.alloc(32, 5),
      adminToken: 'admin',
      now: () => now,
      budgets: { assetBytes: quotaBytes },
    });
    boardId = (await boards.lifecycle.create({ title: '写真' })).board.meta.id;
  }

  async function upload(i: number): Promise<string> {
    const added = await boards.assets.add(boardId, PNGS[i] as Buffer);
    if (!added.ok) throw new Error(added.reason);
    return added.value.id;
  }

  it('deletes an old upload no record uses, keeps used ones (even erased) and recent ones', async () => {
    await service(10 * SIZE);
    const placed = await upload(0);
    const unused = await upload(1);
    expect(await boards.writer.submit(boardId, 'rec', placeOp('o1', 'img', placed))).toMatchObject({
      ok: true,
    });
    // Erased again: undo and the time-lapse still need it.
    expect(
      await boards.writer.submit(boardId, 'rec', { id: 'o2', kind: 'remove', ids: ['img'] }),
    ).toMatchObject({
      ok: true,
    });
    // Within the grace period nothing goes: an upload is placed right after it answers.
    expect(await boards.assets.collect(boardId)).toEqual([]);
    now += ASSET_SWEEP.graceMs + MINUTE;
    const fresh = await upload(2);
    expect(await boards.assets.collect(boardId)).toEqual([unused]);
    expect(await boards.assets.get(boardId, unused)).toBeUndefined();
    expect(await boards.assets.get(boardId, placed)).toBeDefined();
    expect(await boards.assets.get(boardId, fresh)).toBeDefined();
    // Nothing more to do on a second pass.
    expect(await boards.assets.collect(boardId)).toEqual([]);
  });

  it('refuses an upload past the quota with board_full, and makes room from unused old ones', async () => {
    await service(2 * SIZE + 10);
    const placed = await upload(0);
    await upload(1);
    await boards.writer.submit(boardId, 'rec', placeOp('o1', 'img', placed));
    expect(await boards.assets.add(boardId, PNGS[2] as Buffer)).toMatchObject({
      ok: false,
      reason: REJECT.boardFull,
    });
    // The same bytes again are the same asset: no room needed.
    expect((await boards.assets.add(boardId, PNGS[0] as Buffer)).ok).toBe(true);
    now += ASSET_SWEEP.graceMs + MINUTE;
    expect((await boards.assets.add(boardId, PNGS[2] as Buffer)).ok).toBe(true);
    expect((await store.listAssets(boardId)).length).toBe(2);
  });
});

describe('upload quota over HTTP', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('answers 413 board_full when the board has no room left', async () => {
    // The field BOARD_UPLOAD_QUOTA_MB sets in production.
    server = await startTestServer('memory', { budgets: { assetBytes: SIZE + 10 } });
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const post = (bytes: Buffer) =>
      fetch(
        `${server?.url}/api/boards/${board.id}/assets?key=${encodeURIComponent(keyOf(board.links.draw))}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/octet-stream' },
          body: new Uint8Array(bytes),
        },
      );
    expect((await post(PNGS[0] as Buffer)).status).toBe(201);
    const refused = await post(PNGS[1] as Buffer);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toMatchObject({ error: REJECT.boardFull });
  });
});

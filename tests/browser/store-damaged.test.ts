import { copyFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrarecoServer } from '../../server/start';
import {
  drawStroke,
  openBrowser,
  openPage,
  readHook,
  screenshot,
  waitForBoard,
} from '../helpers/browser-pages';
import { leafPageOf, overwritePage, pokeFromOutside } from '../helpers/damage';
import { addOp, makeStroke } from '../helpers/fixtures';
import { connectClient, createBoard, getBoardDoc, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { startSqliteServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
/** Strokes on the board before the show's backup: enough rows that its log fills pages of its own. */
const BEFORE = 300;

/**
 * The event-day path when the disk damages the database mid-show: the recorder is told, keeps
 * drawing onto the tablet, the operator restores the backup by the runbook, and the strokes
 * drawn meanwhile arrive.
 */
describe('the store is damaged under a drawing recorder, then restored', () => {
  let dataDir: string;
  let server: GrarecoServer;
  let browser: Browser;
  let board: CreatedBoard;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'grareco-damaged-browser-'));
    server = await startSqliteServer(dataDir);
    browser = await openBrowser();
    board = await createBoard(server.url, TEST_ADMIN_TOKEN, '壊れたディスク');
    const filler = await connectClient(server.url, board.id, keyOf(board.links.draw));
    for (let i = 0; i < BEFORE; i += 2)
      expect((await filler.send(addOp(makeStroke(i, i % 500, 60), makeStroke(i, 900, 60)))).ok).toBe(true);
    filler.close();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tells the recorder, keeps the stroke on the tablet, and delivers it after the restore', async () => {
    const backup = await fetch(`${server.url}/api/admin/backups`, { method: 'POST', headers: ADMIN });
    expect(backup.status).toBe(201);
    const { name } = (await backup.json()) as { name: string };

    const recorder = await openPage(browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    expect((await readHook(page)).objectCount).toBe(BEFORE);

    // The disk damages the board's log; a late viewer's catch-up is the first read to meet it.
    const file = join(dataDir, 'grareco.sqlite');
    overwritePage(file, leafPageOf(file, board.id, 'ops'));
    pokeFromOutside(file);
    const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
    expect(await viewer.sync(0)).toEqual({ ok: false, reason: 'store_damaged' });
    viewer.close();

    await drawStroke(page, [
      [800, 800],
      [1100, 950],
      [1400, 800],
    ]);
    const notice = page.getByTestId('rejection');
    await expect.poll(() => notice.getAttribute('data-reason'), { timeout: 10_000 }).toBe('store_damaged');
    expect(await notice.innerText()).toContain('サーバーに保存できません');
    await screenshot(page, 'store-damaged-recorder');
    // Held, not dropped: on the board and in the device's queue, retried.
    await new Promise((r) => setTimeout(r, 3_000));
    let hook = await readHook(page);
    expect(hook.objectCount).toBe(BEFORE + 1);
    expect(hook.pendingCount).toBe(1);
    expect(hook.saveState).not.toBe('saved');

    // The runbook: stop, the damaged file aside, the backup in its place, start on the same port.
    const port = server.port;
    await server.close();
    for (const suffix of ['', '-wal', '-shm'])
      try {
        renameSync(join(dataDir, `grareco.sqlite${suffix}`), join(dataDir, `damaged.sqlite${suffix}`));
      } catch {
        // No WAL left after a clean close.
      }
    copyFileSync(join(dataDir, 'backups', name), file);
    server = await startSqliteServer(dataDir, { port });

    // The page reconnects by itself and the held stroke lands once.
    await page.waitForFunction(() => window.__grareco?.saveState === 'saved', undefined, { timeout: 30_000 });
    hook = await readHook(page);
    expect(hook.pendingCount).toBe(0);
    const doc = await getBoardDoc(server.url, board.id, keyOf(board.links.view));
    expect(doc.body.objects).toHaveLength(BEFORE + 1);
    expect(doc.body.seq).toBe(BEFORE / 2 + 1);
    await recorder.close();
  }, 120_000);
});

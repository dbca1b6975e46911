import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { Op } from '../../shared/ops';
import {
  alongStroke,
  drawStroke,
  expectInk,
  openPage,
  readHook,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { connectClient, getBoardDoc, keyOf } from '../helpers/socket-clients';
import { TEST_ADMIN_TOKEN } from '../helpers/test-server';

const STROKES = 20;

/** Twenty short strokes on a 5×4 grid over the 3840×2160 board. */
const strokes: BoardPoint[][] = Array.from({ length: STROKES }, (_, i) => {
  const x = 300 + (i % 5) * 700;
  const y = 300 + Math.floor(i / 5) * 480;
  return [
    [x, y],
    [x + 180, y + 90],
    [x + 360, y],
  ];
});
const inkPoints = strokes.flatMap((s) => alongStroke(s));

/**
 * What an offline page may log: the failed snapshot request and socket attempts. Anything
 * else (an exception, a 4xx/5xx) is a failure.
 */
function unexpected(errors: readonly string[]): string[] {
  return errors.filter(
    (e) => !/ERR_INTERNET_DISCONNECTED|WebSocket connection to .* failed|Failed to fetch/.test(e),
  );
}

/** The service worker controls the page and holds the app shell: a reload now works offline. */
async function waitForShell(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    if (!navigator.serviceWorker.controller) return false;
    return (await caches.match('/__shell')) !== undefined;
  });
  await page.waitForFunction(() => window.__grareco?.storing === 0);
}

/** What an earlier page would have left in the device's queue (the page's own IndexedDB). */
async function queueOnDevice(page: Page, boardId: string, ops: readonly Op[]): Promise<void> {
  await page.evaluate(
    ({ boardId, ops }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('grareco');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('queue', 'readwrite');
          for (const op of ops) tx.objectStore('queue').add({ boardId, opId: op.id, op });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { boardId, ops },
  );
}

async function lockBoard(url: string, boardId: string): Promise<void> {
  const res = await fetch(`${url}/api/boards/${boardId}/lock`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ locked: true }),
  });
  if (!res.ok) throw new Error(`lock: ${res.status}`);
}

describe('recorder offline queue', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('keeps 20 strokes drawn offline through a reload and delivers each exactly once', async () => {
    const recorder = await openPage(env.browser, env.board.links.draw);
    const viewer = await openPage(env.browser, env.board.links.view);
    const { page } = recorder;
    const context = page.context();
    await waitForBoard(page);
    await waitForBoard(viewer.page);
    await waitForShell(page);

    await context.setOffline(true);
    await page.waitForFunction(() => window.__grareco?.connection === 'offline');
    for (const s of strokes) await drawStroke(page, s, { steps: 6 });

    const save = page.getByTestId('save-status');
    const connection = page.getByTestId('connection-status');
    await expectInk(page, inkPoints);
    expect(await save.getAttribute('data-state')).toBe('pending');
    expect(await save.textContent()).toContain(String(STROKES));
    expect((await readHook(page)).pendingCount).toBe(STROKES);
    // Every stroke is on the device before the tab goes away.
    await page.waitForFunction(() => window.__grareco?.storing === 0);
    await screenshot(page, 'offline-recorder-before-reload');

    // Still offline: the shell comes from the service worker, the board from IndexedDB.
    const workerMisses: string[] = [];
    context.on('requestfailed', (r) => {
      if (r.serviceWorker()) workerMisses.push(new URL(r.url()).pathname);
    });
    const reloaded = await page.reload();
    // The worker tried the network first, failed, and answered with the cached shell.
    expect(reloaded?.fromServiceWorker()).toBe(true);
    expect(workerMisses).toContain(new URL(env.board.links.draw).pathname);
    await waitForBoard(page, { online: false });
    await page.waitForFunction((n) => window.__grareco?.pendingCount === n, STROKES);
    const offline = await readHook(page);
    expect(offline.objectCount).toBe(STROKES);
    expect(offline.connection).toBe('offline');
    expect(await connection.getAttribute('data-state')).toBe('offline');
    expect(await save.getAttribute('data-state')).toBe('pending');
    expect(await save.textContent()).toContain(String(STROKES));
    await expectInk(page, inkPoints);
    await screenshot(page, 'offline-recorder-after-reload');

    const viewKey = keyOf(env.board.links.view);
    expect((await getBoardDoc(env.url, env.board.id, viewKey)).body.seq).toBe(0);

    await context.setOffline(false);
    await page.waitForFunction(() => window.__grareco?.saveState === 'saved', undefined, {
      timeout: 20_000,
    });
    expect(await save.getAttribute('data-state')).toBe('saved');
    expect(await connection.getAttribute('data-state')).toBe('online');

    // seq 20 with 20 records: each op was applied once, none twice, none lost.
    const doc = await getBoardDoc(env.url, env.board.id, viewKey);
    expect(doc.body.objects).toHaveLength(STROKES);
    expect(doc.body.seq).toBe(STROKES);

    await viewer.page.waitForFunction((n) => window.__grareco?.seq === n, STROKES, { timeout: 20_000 });
    expect((await readHook(viewer.page)).objectCount).toBe(STROKES);
    await expectInk(viewer.page, inkPoints);
    const after = await readHook(page);
    expect(after.objectCount).toBe(STROKES);
    expect(after.seq).toBe(STROKES);
    await screenshot(viewer.page, 'offline-viewer-after-delivery');

    expect(unexpected(recorder.errors)).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await recorder.close();
    await viewer.close();
  });

  it('closes the socket when the browser goes offline and sends at once when it is back', async () => {
    const board = await env.newBoard('電波の切れ目');
    const recorder = await openPage(env.browser, board.links.draw);
    const { page } = recorder;
    const context = page.context();
    await waitForBoard(page);

    // Chromium's offline mode keeps an open websocket open (holding its frames); the page
    // closes it itself, shows offline, and opens a fresh one as soon as the network is back.
    await context.setOffline(true);
    await page.waitForFunction(() => window.__grareco?.connection === 'offline');
    const drawn = strokes.slice(10, 13);
    for (const s of drawn) await drawStroke(page, s, { steps: 6 });
    expect((await readHook(page)).pendingCount).toBe(3);
    await page.waitForTimeout(500);
    expect((await readHook(page)).connection).toBe('offline');

    await context.setOffline(false);
    await page.waitForFunction(() => window.__grareco?.saveState === 'saved', undefined, { timeout: 5_000 });
    const doc = await getBoardDoc(env.url, board.id, keyOf(board.links.view));
    expect(doc.body.seq).toBe(3);
    expect(doc.body.objects).toHaveLength(3);
    expect(unexpected(recorder.errors)).toEqual([]);
    await recorder.close();
  });

  it('takes back queued strokes the server refuses after the drop, and forgets them', async () => {
    const board = await env.newBoard('オフライン中にロック');
    const recorder = await openPage(env.browser, board.links.draw);
    const { page } = recorder;
    const context = page.context();
    await waitForBoard(page);
    await waitForShell(page);

    await context.setOffline(true);
    await page.waitForFunction(() => window.__grareco?.connection === 'offline');
    const drawn = strokes.slice(0, 2);
    for (const s of drawn) await drawStroke(page, s, { steps: 6 });
    await page.waitForFunction(() => window.__grareco?.storing === 0);
    // The organiser locks the board while the tablet is away; the tab is reloaded meanwhile.
    await lockBoard(env.url, board.id);
    await page.reload();
    await waitForBoard(page, { online: false });
    await page.waitForFunction(() => window.__grareco?.pendingCount === 2);
    const points = drawn.flatMap((s) => alongStroke(s));
    await expectInk(page, points);

    await context.setOffline(false);
    await page.waitForFunction(() => window.__grareco?.saveState === 'saved', undefined, {
      timeout: 20_000,
    });
    // Refused for good: said so (once: the locked notice, not a second one for the refusal),
    // taken off the board, and gone from the device's queue.
    await page.getByTestId('locked-status').waitFor();
    expect(await page.getByTestId('rejection').count()).toBe(0);
    await expectInk(page, points, false);
    expect((await readHook(page)).objectCount).toBe(0);
    await page.reload();
    await waitForBoard(page);
    const reopened = await readHook(page);
    expect(reopened.pendingCount).toBe(0);
    expect(reopened.objectCount).toBe(0);
    expect((await getBoardDoc(env.url, board.id, keyOf(board.links.view))).body.seq).toBe(0);
    await recorder.close();
  });

  it('applies a queued op the server already committed once, and shows the board as it is now', async () => {
    const board = await env.newBoard('確認が届かなかった');
    const recorder = await openPage(env.browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    const stroke = strokes[7] ?? [];
    await drawStroke(page, stroke);
    await page.waitForFunction(() => window.__grareco?.saveState === 'saved');

    // The server committed the stroke; someone else then erased it.
    const other = await connectClient(env.url, board.id, keyOf(board.links.draw));
    const sync = await other.sync(0);
    if (!sync.ok) throw new Error(`sync refused: ${sync.reason}`);
    const committed = sync.ops[0]?.op;
    if (committed?.kind !== 'add') throw new Error('expected the stroke op');
    const ids = committed.objects.map((o) => o.id);
    expect((await other.send({ id: newId(), kind: 'remove', ids })).ok).toBe(true);
    other.close();
    await page.waitForFunction(() => window.__grareco?.objectCount === 0);

    // As if its ack had been lost before a reload: the op is still in the device's queue.
    await queueOnDevice(page, board.id, [committed]);
    await page.reload();
    await waitForBoard(page);
    await page.waitForFunction(() => window.__grareco?.saveState === 'saved', undefined, {
      timeout: 20_000,
    });
    // The resend answered with the original seq: nothing applied twice, no stroke brought back.
    const after = await readHook(page);
    expect(after.objectCount).toBe(0);
    expect(after.seq).toBe(2);
    await expectInk(page, alongStroke(stroke), false);
    const doc = await getBoardDoc(env.url, board.id, keyOf(board.links.view));
    expect(doc.body.seq).toBe(2);
    expect(doc.body.objects).toHaveLength(0);
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });

  it('sends a backlog larger than the server allows in one burst, in order, without refusals', async () => {
    const board = await env.newBoard('長いオフライン');
    const recorder = await openPage(env.browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    await drawStroke(page, strokes[0] ?? []);
    await page.waitForFunction(() => window.__grareco?.saveState === 'saved');
    const other = await connectClient(env.url, board.id, keyOf(board.links.view));
    const first = await other.sync(0);
    other.close();
    if (!first.ok || first.ops[0]?.op.kind !== 'add') throw new Error('expected the stroke op');
    const template = first.ops[0].op.objects[0];
    if (!template) throw new Error('no stroke record');

    // Half an hour of strokes drawn offline: more than the server's burst of 400 ops.
    const BACKLOG = 450;
    const backlog: Op[] = Array.from({ length: BACKLOG }, () => ({
      id: newId(),
      kind: 'add',
      objects: [{ ...template, id: newId() }],
    }));
    await queueOnDevice(page, board.id, backlog);
    await page.reload();
    await waitForBoard(page);
    await page.waitForFunction(() => window.__grareco?.saveState === 'saved', undefined, {
      timeout: 40_000,
    });
    expect(await page.getByTestId('rejection').count()).toBe(0);
    const doc = await getBoardDoc(env.url, board.id, keyOf(board.links.view));
    expect(doc.body.seq).toBe(1 + BACKLOG);
    expect(doc.body.objects).toHaveLength(1 + BACKLOG);
    // In the order they were made.
    const log = await connectClient(env.url, board.id, keyOf(board.links.view));
    const all = await log.sync(0);
    log.close();
    if (!all.ok) throw new Error('sync refused');
    expect(all.ops.slice(1).map((c) => c.op.id)).toEqual(backlog.map((o) => o.id));
    expect((await readHook(page)).objectCount).toBe(1 + BACKLOG);
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });
});

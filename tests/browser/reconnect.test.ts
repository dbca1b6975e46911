import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type GrarecoServer } from '../../server/start';
import {
  alongStroke,
  drawStroke,
  expectInk,
  openBrowser,
  openPage,
  readHook,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { visibleRect, waitForRect } from '../helpers/browser-audience';
import { freePort } from '../helpers/free-port';
import { createBoard } from '../helpers/socket-clients';
import { TEST_ADMIN_TOKEN } from '../helpers/test-server';

const BEFORE: readonly BoardPoint[] = [
  [500, 600],
  [1500, 800],
  [2500, 600],
];
const DURING: readonly BoardPoint[] = [
  [500, 1500],
  [1500, 1700],
  [2500, 1500],
];

describe('reconnect', () => {
  let dataDir: string;
  let port: number;
  let server: GrarecoServer | undefined;
  let browser: Browser;

  function start(): Promise<GrarecoServer> {
    return startServer({
      port,
      host: '127.0.0.1',
      dataDir,
      adminToken: TEST_ADMIN_TOKEN,
      store: 'sqlite',
      clientDir: 'dist/client-test',
      quiet: true,
    });
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'grareco-browser-'));
    port = await freePort();
    server = await start();
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a stroke drawn while the server is down and delivers it after the restart', async () => {
    if (!server) throw new Error('no server');
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN, '再接続');
    const recorder = await openPage(browser, board.links.draw);
    const viewer = await openPage(browser, board.links.view);
    const { page } = recorder;
    await waitForBoard(page);
    await waitForBoard(viewer.page);
    await drawStroke(page, BEFORE);
    await expectInk(viewer.page, alongStroke(BEFORE));
    const viewerClient = (await readHook(viewer.page)).clientId;
    const recorderStatus = viewer.page.getByTestId('recorder-status');
    await viewer.page.waitForFunction(
      () =>
        document.querySelector('[data-testid="recorder-status"]')?.getAttribute('data-state') === 'online',
    );

    await server.close();
    server = undefined;
    await page.waitForFunction(() => window.__grareco?.connection === 'reconnecting');
    const status = page.getByTestId('connection-status');
    expect(await status.getAttribute('data-state')).toBe('reconnecting');
    // The viewer cannot know whether the recorder is there while it has no connection itself.
    await viewer.page.waitForFunction(() => window.__grareco?.connection !== 'online');
    expect(await recorderStatus.getAttribute('data-state')).toBe('offline');

    // Drawn offline: shown at once, kept as pending, never lost.
    await drawStroke(page, DURING);
    await expectInk(page, alongStroke(DURING));
    expect(await page.getByTestId('save-status').getAttribute('data-state')).toBe('pending');
    expect((await readHook(page)).pendingCount).toBe(1);
    await screenshot(page, 'reconnect-recorder-offline');

    server = await start();
    await page.waitForFunction(() => window.__grareco?.saveState === 'saved', undefined, { timeout: 20_000 });
    expect(await status.getAttribute('data-state')).toBe('online');
    // The viewer reconnects by itself and catches up through sync, without a reload.
    await viewer.page.waitForFunction(() => window.__grareco?.seq === 2, undefined, { timeout: 20_000 });
    await expectInk(viewer.page, alongStroke(DURING));
    await expectInk(viewer.page, alongStroke(BEFORE));
    expect(await viewer.page.getByTestId('connection-status').getAttribute('data-state')).toBe('online');
    // Same page, no reload: a reload would have made a new client id.
    const after = await readHook(viewer.page);
    expect(after.clientId).toBe(viewerClient);
    expect(after.objectCount).toBe(2);
    await viewer.page.waitForFunction(
      () =>
        document.querySelector('[data-testid="recorder-status"]')?.getAttribute('data-state') === 'online',
    );
    // Following still works on the new connection (the server lost the last viewport).
    expect(await viewer.page.getByTestId('follow-toggle').getAttribute('data-mode')).toBe('follow');
    const box = await page.getByTestId('board').boundingBox();
    if (!box) throw new Error('no board');
    await page.mouse.move(box.x + box.width / 3, box.y + box.height / 3);
    for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -300);
    await waitForRect(viewer.page, () => visibleRect(page));
    await recorder.close();
    await viewer.close();
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  alongStroke,
  drawStroke,
  expectInk,
  openPage,
  readHook,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { useBrowserBoard } from '../helpers/browser-setup';
import { getBoardDoc, keyOf } from '../helpers/socket-clients';

/**
 * WebKit may take an app's IndexedDB connection away while the app is suspended (an iPad's
 * tab put to sleep): either with a `close` event, or silently, every transaction throwing from
 * then on. The queue must reopen the store and keep the strokes drawn after that, so they
 * survive a reload with no network and arrive exactly once when it is back.
 */

const STROKE: readonly BoardPoint[] = [
  [900, 700],
  [1500, 1000],
  [2100, 700],
];

/** What an offline page may log: the failed snapshot request and socket attempts. */
function unexpected(errors: readonly string[]): string[] {
  return errors.filter(
    (e) => !/ERR_INTERNET_DISCONNECTED|WebSocket connection to .* failed|Failed to fetch/.test(e),
  );
}

/** The service worker holds the app shell (a reload works offline) and the device is idle. */
async function waitForShell(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    if (!navigator.serviceWorker.controller) return false;
    return (await caches.match('/__shell')) !== undefined;
  });
  await page.waitForFunction(() => window.__grareco?.storing === 0);
}

describe('IndexedDB connection lost under the queue', () => {
  const env = useBrowserBoard();

  for (const how of ['silent', 'event'] as const) {
    it(`reopens after a ${how} close: a stroke drawn then survives an offline reload, sent once`, async () => {
      const board = await env().newBoard(`IndexedDB ${how}`);
      const recorder = await openPage(env().browser, board.links.draw);
      const { page } = recorder;
      const infos: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'info') infos.push(msg.text());
      });
      await waitForBoard(page);
      await waitForShell(page);

      await page.evaluate((h) => window.__grareco?.dropOfflineDb?.(h), how);
      // A close event makes the store reopen at once; a silent loss shows only on use.
      expect(await page.evaluate(() => window.__grareco?.offlineDbReopened?.())).toBe(how === 'event');

      await page.context().setOffline(true);
      await page.waitForFunction(() => window.__grareco?.connection === 'offline');
      await drawStroke(page, STROKE, { steps: 6 });
      expect((await readHook(page)).pendingCount).toBe(1);
      await page.waitForFunction(() => window.__grareco?.storing === 0);
      expect(await page.evaluate(() => window.__grareco?.offlineDbReopened?.())).toBe(true);

      await page.reload();
      await waitForBoard(page, { online: false });
      await page.waitForFunction(() => window.__grareco?.pendingCount === 1);
      expect((await readHook(page)).objectCount).toBe(1);
      await expectInk(page, alongStroke(STROKE));

      const viewKey = keyOf(board.links.view);
      expect((await getBoardDoc(env().url, board.id, viewKey)).body.seq).toBe(0);
      await page.context().setOffline(false);
      await page.waitForFunction(() => window.__grareco?.saveState === 'saved', undefined, {
        timeout: 20_000,
      });
      const doc = await getBoardDoc(env().url, board.id, viewKey);
      expect(doc.body.seq).toBe(1);
      expect(doc.body.objects).toHaveLength(1);
      // Nothing left in the queue to send a second time.
      await page.reload();
      await waitForBoard(page);
      await page.waitForFunction(() => window.__grareco?.saveState === 'saved');
      expect((await getBoardDoc(env().url, board.id, viewKey)).body.seq).toBe(1);

      // The recorder asked for persistent storage and noted the answer.
      expect(infos.some((m) => m.startsWith('[grareco] persistent storage'))).toBe(true);
      expect(unexpected(recorder.errors)).toEqual([]);
      await recorder.close();
    });
  }
});

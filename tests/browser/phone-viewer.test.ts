import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alongStroke,
  boardToPage,
  drawStroke,
  expectInk,
  openPage,
  readHook,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { waitForMode } from '../helpers/browser-audience';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';

const STROKE: readonly BoardPoint[] = [
  [600, 600],
  [1900, 1500],
  [3200, 700],
];

type TouchPoint = { x: number; y: number; id: number };

describe('the viewer on a phone', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
    const recorder = await openPage(env.browser, env.board.links.draw);
    await waitForBoard(recorder.page);
    // A thick marker so the stroke shows even on a phone's small, fitted board.
    await recorder.page.getByTestId('tool-marker').click();
    await recorder.page.getByTestId('size-2').click();
    await drawStroke(recorder.page, STROKE);
    await recorder.page.waitForFunction(() => window.__grareco?.saveState === 'saved');
    await recorder.close();
  });
  afterAll(async () => {
    await env?.close();
  });

  for (const size of [
    { name: 'portrait', width: 360, height: 740 },
    { name: 'landscape', width: 740, height: 360 },
  ]) {
    it(`${size.name} ${size.width}x${size.height}: compact overlay, the board in view, pinch frees it`, async () => {
      const viewer = await openPage(
        env.browser,
        env.board.links.view,
        { width: size.width, height: size.height },
        { hasTouch: true },
      );
      const { page } = viewer;
      await waitForBoard(page);
      await expectInk(page, alongStroke(STROKE));
      const overlay = await page.getByTestId('follow-toggle').locator('xpath=..').boundingBox();
      if (!overlay) throw new Error('no overlay');
      // A slim strip beside the board (a column sideways, at most two rows upright: see
      // phone-layout.test.ts), and every chip whole inside the screen.
      expect(overlay.x).toBeGreaterThanOrEqual(0);
      expect(overlay.x + overlay.width).toBeLessThanOrEqual(size.width);
      if (size.width > size.height) expect(overlay.width).toBeLessThanOrEqual(160);
      else expect(overlay.height).toBeLessThanOrEqual(110);
      const chips = page.getByTestId('follow-toggle').locator('xpath=../*');
      for (let i = 0; i < (await chips.count()); i++) {
        const box = await chips.nth(i).boundingBox();
        if (!box || box.width === 0) continue;
        expect(box.x, `chip ${i}`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `chip ${i}`).toBeLessThanOrEqual(size.width);
      }
      expect(await page.getByTestId('recorder-status').isVisible()).toBe(true);
      expect(await page.getByTestId('connection-status').isVisible()).toBe(true);
      await screenshot(page, `phone-${size.name}`);

      // Two fingers spread: zoom in, free mode, "back to live" shows.
      const cdp = await page.context().newCDPSession(page);
      const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: TouchPoint[]) =>
        cdp.send('Input.dispatchTouchEvent', {
          type,
          touchPoints: points.map((p) => ({ ...p, radiusX: 2, radiusY: 2, force: 0.5 })),
        });
      const before = (await readHook(page)).viewport[0] ?? 0;
      const c = await boardToPage(page, 1900, 1100);
      await touch('touchStart', [{ x: c.x - 20, y: c.y, id: 1 }]);
      await touch('touchStart', [
        { x: c.x - 20, y: c.y, id: 1 },
        { x: c.x + 20, y: c.y, id: 2 },
      ]);
      for (let i = 1; i <= 8; i++) {
        await touch('touchMove', [
          { x: c.x - 20 - i * 8, y: c.y, id: 1 },
          { x: c.x + 20 + i * 8, y: c.y, id: 2 },
        ]);
      }
      await touch('touchEnd', []);
      expect((await readHook(page)).viewport[0] ?? 0).toBeGreaterThan(before * 1.8);
      await waitForMode(page, 'free');
      const live = page.getByTestId('back-to-live');
      expect(await live.isVisible()).toBe(true);
      await screenshot(page, `phone-${size.name}-free`);
      await live.tap();
      await waitForMode(page, 'follow');
      await page.waitForTimeout(300);
      expect((await readHook(page)).viewport[0] ?? 0).toBeCloseTo(before, 3);
      expect(viewer.errors).toEqual([]);
      await viewer.close();
    });
  }
});

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  drawStroke,
  expectInk,
  resultPath,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { useBrowserBoard } from '../helpers/browser-setup';

const STROKES: readonly (readonly BoardPoint[])[] = [
  [
    [600, 600],
    [1400, 900],
  ],
  [
    [1800, 500],
    [2600, 1100],
  ],
  [
    [900, 1300],
    [2200, 1500],
  ],
];

/** Midpoints: where every stroke surely left ink. */
const INK: readonly BoardPoint[] = STROKES.map(([a, b]) => [
  Math.round(((a as BoardPoint)[0] + (b as BoardPoint)[0]) / 2),
  Math.round(((a as BoardPoint)[1] + (b as BoardPoint)[1]) / 2),
]);

interface CanvasFigures {
  /** What the page's canvas ledger counts (attached canvases and the detached bitmaps). */
  tracked: number;
  budget: number;
  /** The canvases in the document, read from their own sizes. */
  inDocument: number;
}

async function figures(page: Page): Promise<CanvasFigures> {
  return page.evaluate(() => {
    const hook = window.__grareco;
    if (!hook) throw new Error('no test hook');
    let inDocument = 0;
    for (const c of document.querySelectorAll('canvas')) inDocument += c.width * c.height * 4;
    return { tracked: hook.canvasBytes, budget: hook.canvasBudget, inDocument };
  });
}

const MB = 1024 * 1024;

async function openDevice(
  env: ReturnType<ReturnType<typeof useBrowserBoard>>,
  viewport: { width: number; height: number },
  deviceScaleFactor: number,
): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await env.browser.newContext({ viewport, deviceScaleFactor });
  const page = await context.newPage();
  await page.goto(env.board.links.draw);
  await waitForBoard(page);
  return { page, close: () => context.close() };
}

describe('canvas memory on the recorder', () => {
  const env = useBrowserBoard();

  it('an iPad Pro 12.9" at dpr 2 keeps every board canvas within the budget while drawing, with the laser and the overview', async () => {
    const { page, close } = await openDevice(env(), { width: 1366, height: 1024 }, 2);
    try {
      const peaks: CanvasFigures[] = [];
      for (const stroke of STROKES) {
        await drawStroke(page, stroke);
        peaks.push(await figures(page));
      }
      await expectInk(page, INK);
      // The laser overlay is sized only while a trail shows.
      await page.locator('body').press('l');
      await drawStroke(page, STROKES[0] as readonly BoardPoint[], { lift: false });
      peaks.push(await figures(page));
      await page.mouse.up();
      // The overview map (O) adds its picture.
      await page.locator('body').press('o');
      await page.waitForSelector('[data-testid="overview"] canvas');
      peaks.push(await figures(page));
      await screenshot(page, 'canvas-budget-ipad');
      for (const f of peaks) {
        expect(f.tracked).toBeLessThanOrEqual(f.budget);
        // Every canvas the page shows is counted: the ledger holds at least what the DOM does.
        expect(f.inDocument).toBeLessThanOrEqual(f.tracked);
      }
      const worst = Math.max(...peaks.map((f) => f.tracked));
      console.log(
        `[canvas-budget] iPad Pro 12.9" dpr 2: peak ${(worst / MB).toFixed(1)} MB of ${(peaks[0]?.budget ?? 0) / MB} MB`,
      );
      // Main canvas plus its two cached bitmaps at least: the figure is real, not zero.
      expect(worst).toBeGreaterThan(3 * 20 * MB);
    } finally {
      await close();
    }
  });

  it('a screen too large for cached bitmaps draws the same ink without them, inside the budget', async () => {
    // 1200×1000 at dpr 4: 76.8 MB a canvas, larger than any canvas iOS would allow; the main
    // canvas keeps its size and the bitmaps are refused, so the board is painted directly.
    const { page, close } = await openDevice(env(), { width: 1200, height: 1000 }, 4);
    try {
      for (const stroke of STROKES) await drawStroke(page, stroke);
      await expectInk(page, INK);
      const f = await figures(page);
      expect(f.tracked).toBeLessThanOrEqual(f.budget);
      expect(f.tracked).toBe(f.inDocument);
      await page.screenshot({ path: resultPath('canvas-budget-large.png'), scale: 'css' });
    } finally {
      await close();
    }
  });
});

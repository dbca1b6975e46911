import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boardToPage,
  drawStroke,
  expectInk,
  openPage,
  readHook,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';

/** RGB of the board canvas at a board point. */
async function colorAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const at = await boardToPage(page, x, y);
  const box = await page.getByTestId('board').boundingBox();
  if (!box) throw new Error('no board');
  return page.evaluate(
    ({ cx, cy }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board"] canvas');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) throw new Error('no canvas');
      const d = ctx.getImageData(Math.round(cx), Math.round(cy), 1, 1).data;
      return [d[0] ?? 0, d[1] ?? 0, d[2] ?? 0] as [number, number, number];
    },
    { cx: at.x - box.x, cy: at.y - box.y },
  );
}

const INK: readonly BoardPoint[] = [
  [600, 1000],
  [3200, 1000],
];
const HIGHLIGHT: readonly BoardPoint[] = [
  [1000, 700],
  [1000, 1300],
];
const SHADOW: readonly BoardPoint[] = [
  [2400, 1400],
  [3000, 1400],
];

describe('tools', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('presets: ink stays above the highlighter, the shadow pen is gray; keys pick tools', async () => {
    const recorder = await openPage(env.browser, env.board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);

    await page.getByTestId('size-2').click();
    await drawStroke(page, INK);
    await page.keyboard.press('h');
    expect(await page.getByTestId('tool-highlighter').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('color-2').click();
    await drawStroke(page, HIGHLIGHT);
    await page.keyboard.press('s');
    await drawStroke(page, SHADOW);
    await page.keyboard.press('m');
    expect(await page.getByTestId('tool-marker').getAttribute('aria-pressed')).toBe('true');
    await drawStroke(page, [
      [600, 1800],
      [1800, 1800],
    ]);
    await page.waitForFunction(
      () => window.__grareco?.objectCount === 4 && window.__grareco.saveState === 'saved',
    );

    // The highlighter (shadow layer) crosses the ink line: the crossing stays dark.
    const crossing = await colorAt(page, 1000, 1000);
    expect(Math.max(...crossing)).toBeLessThan(90);
    // Away from the ink it is a light orange wash.
    const wash = await colorAt(page, 1000, 800);
    expect(wash[0]).toBeGreaterThan(wash[2] + 40);
    // The shadow pen ignores the palette: a neutral gray.
    const [r, g, b] = await colorAt(page, 2700, 1400);
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThan(20);
    expect(r).toBeLessThan(235);
    await screenshot(page, 'tools-presets');
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });

  it('wheel zooms around the cursor, space-drag and the hand tool pan, F fits', async () => {
    const recorder = await openPage(env.browser, env.board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    const fitted = (await readHook(page)).viewport;
    await drawStroke(page, [
      [600, 2000],
      [1200, 2000],
    ]);
    await page.waitForFunction(() => window.__grareco?.objectCount === 5);

    const box = await page.getByTestId('board').boundingBox();
    if (!box) throw new Error('no board');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.wheel(0, -300);
    await page.waitForFunction((z) => (window.__grareco?.viewport?.[0] ?? 0) > z * 1.2, fitted[0] ?? 1);
    const zoomed = (await readHook(page)).viewport;

    // Focus sits on the undo button after a click: Space must not press it again.
    await page.getByTestId('undo').click();
    await page.waitForFunction(() => window.__grareco?.objectCount === 4);
    // Space held: a drag pans instead of drawing.
    await page.keyboard.down('Space');
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 150, cy + 60, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Space');
    const panned = (await readHook(page)).viewport;
    expect((panned[4] ?? 0) - (zoomed[4] ?? 0)).toBeCloseTo(150, 0);
    expect((panned[5] ?? 0) - (zoomed[5] ?? 0)).toBeCloseTo(60, 0);
    await page.waitForTimeout(200);
    expect((await readHook(page)).objectCount).toBe(4);
    await page.getByTestId('redo').click();
    await page.waitForFunction(() => window.__grareco?.objectCount === 5);

    await page.getByTestId('tool-hand').click();
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx - 100, cy, { steps: 5 });
    await page.mouse.up();
    expect(((await readHook(page)).viewport[4] ?? 0) - (panned[4] ?? 0)).toBeCloseTo(-100, 0);
    expect((await readHook(page)).objectCount).toBe(5);

    await page.keyboard.press('f');
    expect((await readHook(page)).viewport).toEqual(fitted);
    await expectInk(page, [[1800, 1000]]);
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });
});

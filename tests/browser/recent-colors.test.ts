import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Stroke } from '../../shared/objects/stroke';
import { DEFAULT_PALETTE } from '../../shared/palette';
import {
  boardToPage,
  drawStroke,
  openPage,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { useBrowserBoard } from '../helpers/browser-setup';
import { serverObjects, settled, waitForSeq } from '../helpers/toolkit-pages';

const SLOW = 120_000;
const PURPLE = '#7048e8';
const TEAL = '#0c8599';

function line(y: number): BoardPoint[] {
  return [
    [800, y],
    [1600, y],
    [2400, y],
  ];
}

/** The picker and the recent colours sit behind the toolbar's "more colours" button. */
async function openColors(page: Page): Promise<void> {
  if ((await page.getByTestId('color-panel').count()) === 0) await page.getByTestId('color-more').click();
  await page.getByTestId('color-panel').waitFor();
}

describe('recent colours', () => {
  const browserBoard = useBrowserBoard();

  it(
    'a colour from the picker draws, is kept among the recent ones across a reload, and the viewer sees it',
    async () => {
      const env = browserBoard();
      const recorder = await openPage(env.browser, env.board.links.draw);
      const viewer = await openPage(env.browser, env.board.links.view);
      const { page } = recorder;
      await waitForBoard(page);
      await waitForBoard(viewer.page);
      await openColors(page);
      await expect(page.getByTestId('recent-color-0').count()).resolves.toBe(0);

      await page.getByTestId('custom-color').fill(PURPLE);
      await drawStroke(page, line(500));
      await openColors(page);
      await page.getByTestId('custom-color').fill(TEAL);
      await drawStroke(page, line(800));
      // The newest first; palette colours are not repeated among the recent ones.
      await page.getByTestId('color-0').click();
      await drawStroke(page, line(1100));
      await openColors(page);
      expect(await page.getByTestId('recent-color-0').getAttribute('aria-label')).toContain(TEAL);
      expect(await page.getByTestId('recent-color-1').getAttribute('aria-label')).toContain(PURPLE);
      await page.getByTestId('recent-color-1').click();
      await drawStroke(page, line(1400));
      const seq = await settled(page);

      const colors = ((await serverObjects(env.url, env.board)) as Stroke[]).map((s) => s.color);
      expect(colors).toEqual([PURPLE, TEAL, DEFAULT_PALETTE[0], PURPLE]);
      // Re-picking moved purple to the front.
      await openColors(page);
      expect(await page.getByTestId('recent-color-0').getAttribute('aria-label')).toContain(PURPLE);
      await screenshot(page, 'recent-colors');

      // The viewer draws the stroke in that colour.
      await waitForSeq(viewer.page, seq);
      const at = await boardToPage(viewer.page, 1200, 500);
      const box = await viewer.page.getByTestId('board').boundingBox();
      if (!box) throw new Error('no board');
      const rgb = await viewer.page.evaluate(
        ({ x, y }) => {
          const c = document.querySelector<HTMLCanvasElement>('[data-testid="board"] canvas');
          const d = c?.getContext('2d')?.getImageData(Math.round(x) - 3, Math.round(y) - 3, 7, 7).data;
          if (!d) throw new Error('no canvas');
          // The darkest pixel of the patch: the stroke's core, not its anti-aliased edge.
          let best = [255, 255, 255];
          for (let i = 0; i < d.length; i += 4) {
            const px = [d[i] ?? 255, d[i + 1] ?? 255, d[i + 2] ?? 255];
            if (px[0]! + px[1]! + px[2]! < best[0]! + best[1]! + best[2]!) best = px;
          }
          return best;
        },
        { x: at.x - box.x, y: at.y - box.y },
      );
      // Purple, not the palette's black: blue well above red, red well above green.
      const [r = 0, g = 0, b = 0] = rgb;
      expect(b - r, `rgb ${rgb}`).toBeGreaterThan(60);
      expect(r - g, `rgb ${rgb}`).toBeGreaterThan(20);

      // Kept on the device: after a reload the two recent colours are still there.
      await page.reload();
      await waitForBoard(page);
      await openColors(page);
      expect(await page.getByTestId('recent-color-0').getAttribute('aria-label')).toContain(PURPLE);
      expect(await page.getByTestId('recent-color-1').getAttribute('aria-label')).toContain(TEAL);
      expect(recorder.errors).toEqual([]);
      await recorder.close();
      await viewer.close();
    },
    SLOW,
  );
});

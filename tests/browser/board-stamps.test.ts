import { describe, expect, it } from 'vitest';
import { boardBounds } from '../../shared/geometry/record-bounds';
import {
  alongStroke,
  drawStroke,
  expectInk,
  openPage,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { useBrowserBoard } from '../helpers/browser-setup';
import { clickBoard, serverObjects, settled, waitForSeq } from '../helpers/toolkit-pages';

const SLOW = 150_000;

/** A little figure: a head stroke and a body stroke. */
const HEAD: readonly BoardPoint[] = [
  [600, 500],
  [700, 450],
  [800, 500],
  [700, 560],
  [610, 510],
];
const BODY: readonly BoardPoint[] = [
  [700, 560],
  [700, 800],
  [620, 950],
];

describe('save a selection as a stamp of the board', () => {
  const browserBoard = useBrowserBoard();

  it(
    'saves, lists on every recorder, places centred where tapped (seen by viewers) and deletes',
    async () => {
      const env = browserBoard();
      const recorder = await openPage(env.browser, env.board.links.draw);
      const second = await openPage(env.browser, env.board.links.draw);
      const viewer = await openPage(env.browser, env.board.links.view);
      const { page } = recorder;
      for (const p of [page, second.page, viewer.page]) await waitForBoard(p);

      await drawStroke(page, HEAD);
      await drawStroke(page, BODY);
      await settled(page);
      await page.getByTestId('tool-select').click();
      await clickBoard(page, BODY[1] as BoardPoint);
      await clickBoard(page, HEAD[1] as BoardPoint, ['Shift']);
      await expect.poll(() => page.getByTestId('selection-count').textContent()).toContain('2');

      await page.getByTestId('selection-save-stamp').click();
      await page.getByTestId('stamp-name').fill('司会者');
      await page.getByTestId('stamp-save').click();
      await page.getByTestId('stamp-notice').waitFor();
      await page.getByTestId('save-stamp-form').waitFor({ state: 'detached' });

      // Listed in the stamp panel, on this tablet and on another recorder's.
      await page.keyboard.press('Escape');
      for (const p of [page, second.page]) {
        await p.getByTestId('tool-stamp').click();
        await p.getByTestId('stamp-picker').waitFor();
        await expect.poll(() => p.getByTestId('board-stamp').count()).toBe(1);
        expect(await p.getByTestId('board-stamp').getAttribute('title')).toBe('司会者');
      }
      // The preview draws the figure (its SVG has the two stroke outlines).
      expect(await page.locator('[data-testid="board-stamp"] svg path').count()).toBe(2);
      await screenshot(page, 'board-stamp-picker');

      await page.getByTestId('board-stamp').click();
      await clickBoard(page, [2600, 1400]);
      const seq = await settled(page);
      const objects = await serverObjects(env.url, env.board);
      expect(objects).toHaveLength(4);
      const placed = objects.slice(2).map(boardBounds);
      const cx = (Math.min(...placed.map((b) => b.minX)) + Math.max(...placed.map((b) => b.maxX))) / 2;
      const cy = (Math.min(...placed.map((b) => b.minY)) + Math.max(...placed.map((b) => b.maxY))) / 2;
      expect(Math.abs(cx - 2600)).toBeLessThan(15);
      expect(Math.abs(cy - 1400)).toBeLessThan(15);
      // Same shape as the original: the copy is the original moved.
      const original = objects.slice(0, 2).map(boardBounds);
      expect(placed[0]!.maxX - placed[0]!.minX).toBeCloseTo(original[0]!.maxX - original[0]!.minX, 0);

      await waitForSeq(viewer.page, seq);
      const dx =
        2600 - (Math.min(...original.map((b) => b.minX)) + Math.max(...original.map((b) => b.maxX))) / 2;
      const dy =
        1400 - (Math.min(...original.map((b) => b.minY)) + Math.max(...original.map((b) => b.maxY))) / 2;
      await expectInk(
        viewer.page,
        alongStroke(BODY).map(([x, y]) => [x + dx, y + dy] as const),
      );
      await screenshot(viewer.page, 'board-stamp-viewer');

      // Deleted on the other tablet: gone from this one's panel too.
      await second.page.getByTestId('board-stamp-delete').click();
      await expect.poll(() => page.getByTestId('board-stamp').count()).toBe(0);
      await expect.poll(() => second.page.getByTestId('board-stamp').count()).toBe(0);
      for (const p of [recorder, second, viewer]) expect(p.errors).toEqual([]);
      for (const p of [recorder, second, viewer]) await p.close();
    },
    SLOW,
  );
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { GRID_STEP } from '../../client/board/grid-lines';
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
import { useBrowserBoard } from '../helpers/browser-setup';
import { clickBoard, settled } from '../helpers/toolkit-pages';

const SLOW = 120_000;

/** Two strokes far apart: one top-left, one bottom-right of the 3840 × 2160 board. */
const LEFT: readonly BoardPoint[] = [
  [400, 400],
  [800, 420],
  [1100, 500],
];
const RIGHT: readonly BoardPoint[] = [
  [2900, 1600],
  [3200, 1650],
  [3400, 1800],
];

/** Darkest luminance in a column of canvas pixels around a board x, at a board y (CSS ±2 px). */
async function darkestNear(page: Page, x: number, y: number): Promise<number> {
  const at = await boardToPage(page, x, y);
  const box = await page.getByTestId('board').boundingBox();
  if (!box) throw new Error('no board');
  return page.evaluate(
    ({ cx, cy }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board"] canvas');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) throw new Error('no canvas');
      const d = ctx.getImageData(Math.round(cx) - 2, Math.round(cy), 5, 1).data;
      let min = 255;
      for (let i = 0; i < d.length; i += 4) {
        min = Math.min(min, 0.299 * (d[i] ?? 0) + 0.587 * (d[i + 1] ?? 0) + 0.114 * (d[i + 2] ?? 0));
      }
      return min;
    },
    { cx: at.x - box.x, cy: at.y - box.y },
  );
}

/** The board point at the middle of the view. */
async function viewCentre(page: Page): Promise<[number, number]> {
  const box = await page.getByTestId('board').boundingBox();
  if (!box) throw new Error('no board');
  const [z = 1, , , , tx = 0, ty = 0] = (await readHook(page)).viewport;
  return [(box.width / 2 - tx) / z, (box.height / 2 - ty) / z];
}

describe('view controls: 100 %, zoom to selection, overview and grid', () => {
  const browserBoard = useBrowserBoard();

  it(
    'zooms to 100 % and to the selection, draws a local grid, and the overview moves the view',
    async () => {
      const env = browserBoard();
      const recorder = await openPage(env.browser, env.board.links.draw);
      const viewer = await openPage(env.browser, env.board.links.view);
      const { page } = recorder;
      await waitForBoard(page);
      await waitForBoard(viewer.page);
      // A thick marker: strokes must still show on the small overview map.
      await page.getByTestId('tool-marker').click();
      await page.getByTestId('size-2').click();
      await drawStroke(page, LEFT);
      await drawStroke(page, RIGHT);
      await settled(page);

      // Fitted: the 3840-unit board in a 1280 px window is about a third of its size.
      const fitted = (await readHook(page)).viewport[0] ?? 0;
      expect(fitted).toBeLessThan(0.4);
      await expect
        .poll(() => page.getByTestId('zoom-level').textContent())
        .toBe(`${Math.round(fitted * 100)}%`);

      // 100 %: one board unit per pixel, the board point in the middle stays in the middle.
      const before = await viewCentre(page);
      await page.getByTestId('zoom-actual').click();
      expect((await readHook(page)).viewport[0]).toBeCloseTo(1, 5);
      const after = await viewCentre(page);
      expect(Math.abs(after[0] - before[0])).toBeLessThan(1);
      expect(Math.abs(after[1] - before[1])).toBeLessThan(1);
      await expect.poll(() => page.getByTestId('zoom-level').textContent()).toBe('100%');

      // Zoom to selection: disabled with nothing picked; then the right stroke fills the view.
      await page.keyboard.press('f');
      await expect(page.getByTestId('zoom-selection').isDisabled()).resolves.toBe(true);
      await page.getByTestId('tool-select').click();
      await clickBoard(page, RIGHT[1] as BoardPoint);
      await page.getByTestId('selection-bar').waitFor();
      await page.getByTestId('zoom-selection').click();
      const zoomed = (await readHook(page)).viewport[0] ?? 0;
      expect(zoomed).toBeGreaterThan(fitted * 2.5);
      const box = await page.getByTestId('board').boundingBox();
      if (!box) throw new Error('no board');
      for (const [x, y] of [RIGHT[0], RIGHT[2]] as BoardPoint[]) {
        const p = await boardToPage(page, x, y);
        expect(p.x).toBeGreaterThan(box.x);
        expect(p.x).toBeLessThan(box.x + box.width);
        expect(p.y).toBeGreaterThan(box.y);
        expect(p.y).toBeLessThan(box.y + box.height);
      }
      const centre = await viewCentre(page);
      expect(Math.abs(centre[0] - 3150)).toBeLessThan(120);
      await screenshot(page, 'view-zoom-selection');
      await page.keyboard.press('Escape');
      await page.keyboard.press('f');

      // The grid: thin lines on the recorder's sheet at every GRID_STEP, never on the viewer's.
      const onLine: BoardPoint = [GRID_STEP * 8, 1000];
      expect(await darkestNear(page, ...onLine)).toBeGreaterThan(250);
      await page.getByTestId('grid-toggle').click();
      await expect.poll(() => darkestNear(page, ...onLine)).toBeLessThan(235);
      expect(await page.getByTestId('grid-toggle').getAttribute('aria-pressed')).toBe('true');
      // The viewer follows the recorder back to the whole board (a 200 ms move after a share
      // at ≤ 10/s): until it arrives the point may lie off its canvas, read as transparent.
      await expect.poll(() => darkestNear(viewer.page, ...onLine)).toBeGreaterThan(250);
      // Between two lines the sheet stays white.
      expect(await darkestNear(page, GRID_STEP * 8.5, 1000)).toBeGreaterThan(250);
      await screenshot(page, 'view-grid');
      await page.keyboard.press('g');
      await expect.poll(() => darkestNear(page, ...onLine)).toBeGreaterThan(250);

      // The overview: a small picture of the whole board with ink where the strokes are.
      await page.keyboard.press('1');
      await page.getByTestId('overview-toggle').click();
      const map = page.getByTestId('overview');
      await map.waitFor();
      const mapBox = await map.boundingBox();
      if (!mapBox) throw new Error('no overview');
      const inkOnMap = (bx: number, by: number): Promise<number> =>
        page.evaluate(
          ({ fx, fy }) => {
            const c = document.querySelector<HTMLCanvasElement>('[data-testid="overview"] canvas');
            const ctx = c?.getContext('2d');
            if (!c || !ctx) throw new Error('no overview canvas');
            const x = Math.round(fx * c.width);
            const y = Math.round(fy * c.height);
            const d = ctx.getImageData(x - 3, y - 3, 7, 7).data;
            let dark = 0;
            for (let i = 0; i < d.length; i += 4)
              if ((d[i] ?? 255) + (d[i + 1] ?? 255) + (d[i + 2] ?? 255) < 690) dark++;
            return dark;
          },
          { fx: bx / 3840, fy: by / 2160 },
        );
      await expect.poll(() => inkOnMap(...(LEFT[1] as BoardPoint))).toBeGreaterThan(0);
      expect(await inkOnMap(...(RIGHT[1] as BoardPoint))).toBeGreaterThan(0);
      expect(await inkOnMap(2000, 300)).toBe(0);
      // At 100 % the view is a small frame inside the map.
      const frame = await page.getByTestId('overview-frame').boundingBox();
      if (!frame) throw new Error('no frame');
      expect(frame.width).toBeLessThan(mapBox.width * 0.6);
      await screenshot(page, 'view-overview');

      // A click on the map centres the view there, keeping the zoom.
      await page.mouse.click(mapBox.x + mapBox.width * 0.25, mapBox.y + mapBox.height * 0.75);
      const moved = await viewCentre(page);
      expect(Math.abs(moved[0] - 960)).toBeLessThan(40);
      expect(Math.abs(moved[1] - 1620)).toBeLessThan(40);
      expect((await readHook(page)).viewport[0]).toBeCloseTo(1, 5);

      // New ink reaches the map by itself.
      await page.getByTestId('tool-marker').click();
      await drawStroke(page, [
        [900, 1550],
        [1000, 1650],
        [1050, 1700],
      ]);
      await settled(page);
      await expect.poll(() => inkOnMap(1000, 1650), { timeout: 10_000 }).toBeGreaterThan(0);

      // Nothing of this is a record: the viewer has exactly the three strokes.
      await expectInk(viewer.page, [[1000, 1650]]);
      expect((await readHook(viewer.page)).objectCount).toBe(3);
      expect(recorder.errors).toEqual([]);
      expect(viewer.errors).toEqual([]);
      await recorder.close();
      await viewer.close();
    },
    SLOW,
  );

  it(
    'keeps its floating controls off the sheet in the whole-board view; a follower still sees the sheet whole',
    async () => {
      const env = browserBoard();
      // A laptop: the sheet is as tall as the view allows, so the controls' corner is on it.
      const recorder = await openPage(env.browser, env.board.links.draw, { width: 1440, height: 900 });
      const viewer = await openPage(env.browser, env.board.links.view, { width: 1280, height: 720 });
      const { page } = recorder;
      await waitForBoard(page);
      await waitForBoard(viewer.page);
      const sheetOn = async (p: Page) => {
        const box = await p.getByTestId('board').boundingBox();
        if (!box) throw new Error('no board');
        const [z = 1, , , , tx = 0, ty = 0] = (await readHook(p)).viewport;
        return {
          box,
          x: box.x + tx,
          y: box.y + ty,
          right: box.x + tx + 3840 * z,
          bottom: box.y + ty + 2160 * z,
        };
      };
      const controls = await page.getByTestId('view-controls').boundingBox();
      if (!controls) throw new Error('no view controls');
      await expect
        .poll(async () => {
          const sheet = await sheetOn(page);
          // Below the sheet or beside it: never over it.
          return controls.y >= sheet.bottom || controls.x >= sheet.right;
        })
        .toBe(true);
      const sheet = await sheetOn(page);
      // And the sheet still fills the width but for the margins: the clear strip is all it gave.
      expect(sheet.right - sheet.x).toBeGreaterThan(sheet.box.width * 0.85);
      await screenshot(page, 'view-controls-fit-laptop');

      // The follower fits what the recorder shows, as if nothing were kept clear: the whole
      // sheet, centred, within its own screen.
      await expect
        .poll(async () => {
          const seen = await sheetOn(viewer.page);
          return (
            seen.x >= seen.box.x - 1 &&
            seen.right <= seen.box.x + seen.box.width + 1 &&
            Math.abs(seen.x - seen.box.x - (seen.box.x + seen.box.width - seen.right)) < 2
          );
        })
        .toBe(true);
      expect(recorder.errors).toEqual([]);
      expect(viewer.errors).toEqual([]);
      await recorder.close();
      await viewer.close();
    },
    SLOW,
  );
});

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  boardToPage,
  drawStroke,
  expectInk,
  openPage,
  readHook,
  resultPath,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { useBrowserBoard } from '../helpers/browser-setup';

const SCREEN = { width: 1920, height: 1080 } as const;
/** The default board is 3840×2160: 16:9 like the hall screen. */
const BOARD = { width: 3840, height: 2160 } as const;
/** Ink in the bottom-right corner, where a corner QR code used to sit. */
const CORNER: readonly BoardPoint[] = [
  [3500, 1850],
  [3800, 2120],
];

/** The board sheet's rectangle on the page, from the view's transform. */
async function sheetRect(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.locator('[data-testid="board"]').boundingBox();
  if (!box) throw new Error('no board box');
  const [z = 1, , , , tx = 0, ty = 0] = (await readHook(page)).viewport;
  return { x: box.x + tx, y: box.y + ty, width: BOARD.width * z, height: BOARD.height * z };
}

/** The screenshot's colour at a page point (CSS px, device scale 1). */
async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x, y, width: 1, height: 1 } });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = 1;
    c.height = 1;
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d');
    ctx.drawImage(img, 0, 0);
    const [r = 0, g = 0, b = 0] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b] as [number, number, number];
  }, png.toString('base64'));
}

describe('projector layout', () => {
  const env = useBrowserBoard();

  it('a 16:9 board fills a 16:9 screen edge to edge: no frame around it', async () => {
    const { page, close } = await openPage(env().browser, env().board.links.present, SCREEN);
    try {
      await waitForBoard(page);
      const sheet = await sheetRect(page);
      expect(sheet.x).toBeLessThanOrEqual(0.5);
      expect(sheet.y).toBeLessThanOrEqual(0.5);
      expect(sheet.width).toBeGreaterThanOrEqual(SCREEN.width - 1);
      expect(sheet.height).toBeGreaterThanOrEqual(SCREEN.height - 1);
      // What the hall sees: the white sheet reaches the screen's edges (no grey surround).
      for (const [x, y] of [
        [3, SCREEN.height / 2],
        [SCREEN.width - 4, SCREEN.height / 2],
        [SCREEN.width / 2, 3],
      ] as const) {
        const [r, g, b] = await pixelAt(page, x, y);
        expect(Math.min(r, g, b), `pixel at ${x},${y}`).toBeGreaterThanOrEqual(245);
      }
      await page.screenshot({ path: resultPath('projector-fill.png') });
    } finally {
      await close();
    }
  });

  it('?qr=1 puts the QR code beside the board, never over ink in its corner', async () => {
    const recorder = await openPage(env().browser, env().board.links.draw);
    const projector = await openPage(env().browser, `${env().board.links.present}&qr=1`, SCREEN);
    try {
      await waitForBoard(recorder.page);
      await waitForBoard(projector.page);
      await recorder.page.locator('body').press('f');
      await drawStroke(recorder.page, CORNER);
      await expectInk(projector.page, CORNER);
      const qr = await projector.page.getByTestId('qr-code').boundingBox();
      if (!qr) throw new Error('no QR code');
      const sheet = await sheetRect(projector.page);
      // The code and the sheet do not overlap.
      const apart =
        qr.x >= sheet.x + sheet.width ||
        qr.x + qr.width <= sheet.x ||
        qr.y >= sheet.y + sheet.height ||
        qr.y + qr.height <= sheet.y;
      expect(apart, `QR ${JSON.stringify(qr)} vs sheet ${JSON.stringify(sheet)}`).toBe(true);
      expect(qr.height).toBeGreaterThanOrEqual(SCREEN.height * 0.12);
      // What is on top at the corner ink is the board, not the code.
      const corner = await boardToPage(projector.page, ...(CORNER[1] as BoardPoint));
      const onTop = await projector.page.evaluate(
        ([x, y]) => document.elementFromPoint(x - 2, y - 2)?.closest('[data-testid="board"]') !== null,
        [corner.x, corner.y] as const,
      );
      expect(onTop).toBe(true);
      await projector.page.screenshot({ path: resultPath('projector-qr-strip.png') });
    } finally {
      await recorder.close();
      await projector.close();
    }
  });
});

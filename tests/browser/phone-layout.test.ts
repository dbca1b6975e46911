import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  drawStroke,
  expectInk,
  readHook,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';

/** The default board is 3840×2160. */
const BOARD = { width: 3840, height: 2160 } as const;
/** Ink in the board's top-right corner, where the floating chips used to sit. */
const CORNER: readonly BoardPoint[] = [
  [3300, 80],
  [3780, 360],
];
const PHONES = [
  { name: 'portrait', width: 360, height: 740 },
  { name: 'landscape', width: 740, height: 360 },
] as const;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** A phone: touch, mobile viewport, its own storage. */
async function openPhone(browser: Browser, url: string, size: { width: number; height: number }) {
  const context = await browser.newContext({
    viewport: size,
    deviceScaleFactor: 1,
    hasTouch: true,
    isMobile: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}

/** The part of the board sheet the page shows: the sheet from the view's transform, clipped. */
async function visibleSheet(page: Page): Promise<Box> {
  const box = await page.getByTestId('board').boundingBox();
  if (!box) throw new Error('no board box');
  const [z = 1, , , , tx = 0, ty = 0] = (await readHook(page)).viewport;
  const x0 = Math.max(box.x, box.x + tx);
  const y0 = Math.max(box.y, box.y + ty);
  const x1 = Math.min(box.x + box.width, box.x + tx + BOARD.width * z);
  const y1 = Math.min(box.y + box.height, box.y + ty + BOARD.height * z);
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

async function recorderText(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (want) =>
      (document.querySelector<HTMLElement>('[data-testid="recorder-status"]')?.innerText ?? '').trim() ===
      want,
    text,
  );
}

describe('the viewer chrome on a phone', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  for (const size of PHONES) {
    it(`${size.name} ${size.width}x${size.height}: chips beside the sheet, a 44 px toggle, the recorder said in words`, async () => {
      const recorder = await openPhone(env.browser, env.board.links.draw, { width: 1280, height: 800 });
      await waitForBoard(recorder.page);
      await recorder.page.getByTestId('tool-marker').click();
      await drawStroke(recorder.page, CORNER);
      await recorder.page.waitForFunction(() => window.__grareco?.saveState === 'saved');

      const phone = await openPhone(env.browser, env.board.links.view, size);
      const { page } = phone;
      try {
        await waitForBoard(page);
        await expectInk(page, CORNER);
        await recorderText(page, '記録者 接続中');
        // The sheet may be letterboxed or the view zoomed: what counts is the sheet on screen.
        await page.waitForTimeout(400);
        const sheet = await visibleSheet(page);
        expect(sheet.width * sheet.height).toBeGreaterThan(0);
        const chips = page.getByTestId('follow-toggle').locator('xpath=../*');
        for (let i = 0; i < (await chips.count()); i++) {
          const chip = chips.nth(i);
          const box = await chip.boundingBox();
          if (!box || box.width === 0 || !(await chip.isVisible())) continue;
          expect(
            overlaps(box, sheet),
            `chip ${i} ${JSON.stringify(box)} over the sheet ${JSON.stringify(sheet)}`,
          ).toBe(false);
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.y).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(size.width);
          expect(box.y + box.height).toBeLessThanOrEqual(size.height);
        }
        // The strip costs the board little: most of the sheet a bare screen would show.
        const widest = Math.min(size.width, (size.height * BOARD.width) / BOARD.height);
        expect(sheet.width * sheet.height).toBeGreaterThan(
          0.6 * widest * ((widest * BOARD.height) / BOARD.width),
        );
        const toggle = await page.getByTestId('follow-toggle').boundingBox();
        expect(toggle?.height ?? 0).toBeGreaterThanOrEqual(44);
        expect(toggle?.width ?? 0).toBeGreaterThanOrEqual(44);
        const language = await page.getByTestId('language').boundingBox();
        expect(language?.height ?? 0).toBeGreaterThanOrEqual(44);
        // What is on top at the corner ink is the board.
        const [z = 1, , , , tx = 0, ty = 0] = (await readHook(page)).viewport;
        const board = await page.getByTestId('board').boundingBox();
        const corner = { x: (board?.x ?? 0) + tx + 3700 * z, y: (board?.y ?? 0) + ty + 200 * z };
        const onTop = await page.evaluate(
          ([x, y]) => document.elementFromPoint(x, y)?.closest('[data-testid="board"]') !== null,
          [corner.x, corner.y] as const,
        );
        expect(onTop).toBe(true);
        await screenshot(page, `phone-layout-${size.name}`);

        await recorder.close();
        await recorderText(page, '記録者 未接続');
        expect(await page.getByTestId('recorder-status').isVisible()).toBe(true);
        await screenshot(page, `phone-layout-${size.name}-no-recorder`);
        expect(phone.errors).toEqual([]);
      } finally {
        await recorder.close();
        await phone.close();
      }
    });
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alongStroke,
  drawStroke,
  expectInk,
  openPage,
  readHook,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';

const KEEP: readonly BoardPoint[] = [
  [500, 500],
  [1200, 700],
  [1800, 500],
];
const ERASE: readonly BoardPoint[] = [
  [600, 1400],
  [1500, 1600],
  [2400, 1400],
];
/** An eraser drag across the middle of ERASE only. */
const SWEEP: readonly BoardPoint[] = [
  [1500, 1300],
  [1500, 1900],
];

describe('eraser and undo/redo', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard('sqlite');
  });
  afterAll(async () => {
    await env?.close();
  });

  it('erases a stroke on recorder and viewer, undo brings it back, redo erases again', async () => {
    const recorder = await openPage(env.browser, env.board.links.draw);
    const viewer = await openPage(env.browser, env.board.links.view);
    const { page } = recorder;
    await waitForBoard(page);
    await waitForBoard(viewer.page);

    await drawStroke(page, KEEP);
    await drawStroke(page, ERASE);
    for (const p of [page, viewer.page]) {
      await expectInk(p, alongStroke(KEEP));
      await expectInk(p, alongStroke(ERASE));
    }

    await page.getByTestId('tool-eraser').click();
    await drawStroke(page, SWEEP, { steps: 20 });
    for (const p of [page, viewer.page]) {
      await expectInk(p, alongStroke(ERASE), false);
      await expectInk(p, alongStroke(KEEP));
    }
    await screenshot(viewer.page, 'eraser-viewer-after-erase');

    await page.getByTestId('undo').click();
    for (const p of [page, viewer.page]) await expectInk(p, alongStroke(ERASE));

    await page.getByTestId('redo').click();
    for (const p of [page, viewer.page]) await expectInk(p, alongStroke(ERASE), false);

    // Keyboard: Ctrl+Z undoes the erase again, Ctrl+Shift+Z redoes it.
    await page.keyboard.press('Control+z');
    for (const p of [page, viewer.page]) await expectInk(p, alongStroke(ERASE));
    await page.keyboard.press('Control+Shift+z');
    for (const p of [page, viewer.page]) await expectInk(p, alongStroke(ERASE), false);

    await page.waitForFunction(() => window.__grareco?.saveState === 'saved');
    const r = await readHook(page);
    await viewer.page.waitForFunction((seq) => window.__grareco?.seq === seq, r.seq);
    expect((await readHook(viewer.page)).objectCount).toBe(1);
    expect(r.objectCount).toBe(1);
    // Two adds, the erase, its undo, its redo, the keyboard undo and redo.
    expect(r.seq).toBe(7);
    expect(recorder.errors).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await recorder.close();
    await viewer.close();
  });
});

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
  type OpenedPage,
} from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';

/** Three strokes in board units (board 3840×2160), far apart so each has its own region. */
const STROKES: readonly (readonly BoardPoint[])[] = [
  [
    [400, 400],
    [900, 500],
    [1400, 450],
  ],
  [
    [600, 1200],
    [900, 1500],
    [1300, 1700],
  ],
  [
    [2400, 600],
    [2900, 900],
    [3400, 700],
  ],
];
/** Places no stroke comes near. */
const EMPTY: readonly BoardPoint[] = [
  [3200, 1800],
  [2000, 1900],
  [200, 2000],
];

describe('live board: recorder draws, viewers see it', () => {
  let env: BrowserBoard;
  const pages: OpenedPage[] = [];

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    for (const p of pages) await p.close();
    await env?.close();
  });

  it('shows three mouse strokes on an early and a late viewer', async () => {
    const recorder = await openPage(env.browser, env.board.links.draw);
    const early = await openPage(env.browser, env.board.links.view);
    pages.push(recorder, early);
    await waitForBoard(recorder.page);
    await waitForBoard(early.page);

    await drawStroke(recorder.page, STROKES[0] ?? []);
    await drawStroke(recorder.page, STROKES[1] ?? []);
    await expectInk(early.page, alongStroke(STROKES[0] ?? []));
    await expectInk(early.page, alongStroke(STROKES[1] ?? []));

    // The late viewer joins after two strokes: snapshot over HTTP, then the live tail.
    const late = await openPage(env.browser, env.board.links.view);
    pages.push(late);
    await waitForBoard(late.page);
    await drawStroke(recorder.page, STROKES[2] ?? []);

    for (const viewer of [recorder, early, late]) {
      for (const stroke of STROKES) await expectInk(viewer.page, alongStroke(stroke));
      await expectInk(viewer.page, EMPTY, false);
    }
    await recorder.page.waitForFunction(() => window.__grareco?.saveState === 'saved');
    for (const viewer of [recorder, early, late]) {
      const hook = await readHook(viewer.page);
      expect(hook.objectCount).toBe(3);
      expect(hook.seq).toBe(3);
    }

    await screenshot(recorder.page, 'live-board-recorder');
    await screenshot(early.page, 'live-board-viewer-early');
    await screenshot(late.page, 'live-board-viewer-late');
    for (const p of pages) expect(p.errors).toEqual([]);
  });
});

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

const PATH: readonly BoardPoint[] = [
  [800, 800],
  [1400, 1000],
  [2000, 900],
  [2600, 1200],
];

describe('live stroke', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('shows a stroke on a viewer before the pen lifts', async () => {
    const recorder = await openPage(env.browser, env.board.links.draw);
    const viewer = await openPage(env.browser, env.board.links.view);
    await waitForBoard(recorder.page);
    await waitForBoard(viewer.page);

    await drawStroke(recorder.page, PATH, { lift: false });
    // Nothing is committed yet: the viewer's ink comes from live batches only.
    await expectInk(viewer.page, alongStroke(PATH));
    expect((await readHook(viewer.page)).objectCount).toBe(0);
    expect((await readHook(recorder.page)).objectCount).toBe(0);
    await screenshot(viewer.page, 'live-stroke-viewer-before-lift');

    await recorder.page.mouse.up();
    await viewer.page.waitForFunction(() => window.__grareco?.objectCount === 1);
    await expectInk(viewer.page, alongStroke(PATH));
    expect(recorder.errors).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await recorder.close();
    await viewer.close();
  });
});

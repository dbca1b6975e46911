import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alongStroke,
  boardToPage,
  drawStroke,
  expectInk,
  openPage,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { fittedShare, showsRect, visibleRect, waitForMode, waitForRect } from '../helpers/browser-audience';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';

describe('follow, fit and free views', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a viewer follows the recorder into a corner, is freed by a drag and goes back to live', async () => {
    const board = await env.newBoard('追従');
    const recorder = await openPage(env.browser, board.links.draw);
    const viewer = await openPage(env.browser, board.links.view, { width: 1000, height: 700 });
    await waitForBoard(recorder.page);
    await waitForBoard(viewer.page);
    const toggle = viewer.page.getByTestId('follow-toggle');
    expect(await toggle.getAttribute('data-mode')).toBe('follow');

    // The recorder zooms into the top-left corner with the wheel.
    const corner = await boardToPage(recorder.page, 500, 300);
    await recorder.page.mouse.move(corner.x, corner.y);
    for (let i = 0; i < 4; i++) {
      await recorder.page.mouse.wheel(0, -300);
      await recorder.page.waitForTimeout(40);
    }
    const zoomed = await visibleRect(recorder.page);
    expect(zoomed.w).toBeLessThan(1800);
    const seen = await waitForRect(viewer.page, () => visibleRect(recorder.page));
    expect(seen.x).toBeLessThan(700);
    // Drawn inside what the recorder shows, seen by the viewer where it is.
    const inView = (fx: number, fy: number): BoardPoint => [
      Math.round(zoomed.x + fx * zoomed.w),
      Math.round(zoomed.y + fy * zoomed.h),
    ];
    const stroke = [inView(0.2, 0.3), inView(0.5, 0.6), inView(0.8, 0.35)];
    await drawStroke(recorder.page, stroke);
    await expectInk(viewer.page, alongStroke(stroke));
    await screenshot(viewer.page, 'follow-viewer-corner');
    await screenshot(recorder.page, 'follow-recorder-corner');

    // A drag frees the viewer: the recorder's next move no longer moves it.
    const box = await viewer.page.getByTestId('board').boundingBox();
    if (!box) throw new Error('no board');
    await viewer.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await viewer.page.mouse.down();
    await viewer.page.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2 - 80, { steps: 8 });
    await viewer.page.mouse.up();
    await waitForMode(viewer.page, 'free');
    expect(await viewer.page.getByTestId('back-to-live').isVisible()).toBe(true);
    const freed = await visibleRect(viewer.page);
    await recorder.page.getByTestId('fit').click();
    await recorder.page.waitForTimeout(600);
    expect(await visibleRect(viewer.page)).toEqual(freed);
    expect(showsRect(freed, await visibleRect(recorder.page))).toBe(false);
    await screenshot(viewer.page, 'follow-viewer-free');

    // Back to live: the recorder's current view again (fitted: the whole board, as it sends
    // it without the strip its own controls keep clear), and following resumes.
    await viewer.page.getByTestId('back-to-live').click();
    await waitForMode(viewer.page, 'follow');
    expect(await viewer.page.getByTestId('back-to-live').count()).toBe(0);
    await waitForRect(viewer.page, () => fittedShare(recorder.page));
    const again = await boardToPage(recorder.page, 3400, 1900);
    await recorder.page.mouse.move(again.x, again.y);
    await recorder.page.mouse.wheel(0, -500);
    await waitForRect(viewer.page, () => visibleRect(recorder.page));

    // The toggle: follow -> fit (whole board) -> follow.
    await toggle.click();
    await waitForMode(viewer.page, 'fit');
    await viewer.page.waitForTimeout(100);
    const fitted = await visibleRect(viewer.page);
    expect(fitted.x).toBeLessThanOrEqual(0);
    expect(fitted.y).toBeLessThanOrEqual(0);
    expect(fitted.x + fitted.w).toBeGreaterThanOrEqual(3840);
    expect(fitted.y + fitted.h).toBeGreaterThanOrEqual(2160);
    await toggle.click();
    await waitForMode(viewer.page, 'follow');
    await waitForRect(viewer.page, () => visibleRect(recorder.page));

    // A late viewer starts where the recorder is (the server remembers the last viewport).
    const late = await openPage(env.browser, board.links.view, { width: 800, height: 800 });
    await waitForBoard(late.page);
    await waitForRect(late.page, () => visibleRect(recorder.page));

    expect(recorder.errors).toEqual([]);
    expect(viewer.errors).toEqual([]);
    expect(late.errors).toEqual([]);
    await late.close();
    await recorder.close();
    await viewer.close();
  });

  it('the recorder status on the viewer follows the recorder coming and going', async () => {
    const board = await env.newBoard('記録者の状態');
    const viewer = await openPage(env.browser, board.links.view);
    await waitForBoard(viewer.page);
    const status = viewer.page.getByTestId('recorder-status');
    expect(await status.getAttribute('data-state')).toBe('offline');
    expect(await status.innerText()).toMatch(/記録者 未接続/);
    const recorder = await openPage(env.browser, board.links.draw);
    await waitForBoard(recorder.page);
    await viewer.page.waitForFunction(
      () =>
        document.querySelector('[data-testid="recorder-status"]')?.getAttribute('data-state') === 'online',
    );
    expect(await status.innerText()).toMatch(/記録者 接続中/);
    await recorder.close();
    await viewer.page.waitForFunction(
      () =>
        document.querySelector('[data-testid="recorder-status"]')?.getAttribute('data-state') === 'offline',
    );
    expect(viewer.errors).toEqual([]);
    await viewer.close();
  });
});

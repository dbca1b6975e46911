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
import {
  canvasPixel,
  createCoveredBoard,
  decodeQr,
  visibleRect,
  waitForRect,
} from '../helpers/browser-audience';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { resultPath } from '../helpers/test-results';

const STROKE: readonly BoardPoint[] = [
  [900, 700],
  [1900, 1200],
  [2900, 800],
];

describe('projector, cover screen and QR code', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('hides the board behind the cover until the recorder reveals it', async () => {
    const board = await createCoveredBoard(env.url, {
      title: '地域福祉セミナー',
      coverText: 'まもなく開始します',
      startsAt: '13:15',
    });
    const recorder = await openPage(env.browser, board.links.draw);
    const projector = await openPage(env.browser, `${board.links.present}&qr=1`, {
      width: 1280,
      height: 720,
    });
    const viewer = await openPage(env.browser, board.links.view, { width: 1000, height: 700 });
    await waitForBoard(recorder.page);
    await waitForBoard(projector.page);
    await waitForBoard(viewer.page);
    const reveal = recorder.page.getByTestId('reveal-toggle');
    expect(await reveal.getAttribute('data-state')).toBe('hidden');
    expect(await reveal.innerText()).toBe('公開する');

    // The recorder draws behind the cover: nothing of it reaches the audience.
    await drawStroke(recorder.page, STROKE);
    await recorder.page.waitForFunction(() => window.__grareco?.saveState === 'saved');
    await projector.page.waitForTimeout(700);
    for (const page of [projector.page, viewer.page]) {
      const cover = page.getByTestId('cover');
      expect(await cover.isVisible()).toBe(true);
      expect(await cover.innerText()).toMatch(/地域福祉セミナー[\s\S]*13:15[\s\S]*まもなく開始します/);
      await expectInk(page, alongStroke(STROKE), false, 300);
      expect((await readHook(page)).objectCount).toBe(0);
    }
    await screenshot(projector.page, 'projector-cover-qr');
    await screenshot(viewer.page, 'viewer-cover');

    // The QR code in the corner carries the viewer link, readable from the screen.
    expect(await decodeQr(projector.page)).toBe(board.links.view);
    const qrBox = await projector.page.getByTestId('qr-code').boundingBox();
    expect(qrBox?.height ?? 0).toBeGreaterThanOrEqual(720 * 0.12);
    expect(await projector.page.getByText('スマホで見る').isVisible()).toBe(true);

    // Revealed: the cover goes and the board, drawn before, shows at once.
    await reveal.click();
    await recorder.page.waitForFunction(
      () =>
        document.querySelector('[data-testid="reveal-toggle"]')?.getAttribute('data-state') === 'revealed',
    );
    expect(await reveal.innerText()).toBe('非公開にする');
    for (const page of [projector.page, viewer.page]) {
      await page.getByTestId('cover').waitFor({ state: 'detached' });
      await expectInk(page, alongStroke(STROKE));
    }
    await screenshot(projector.page, 'projector-revealed-qr');

    // Hiding asks first: cancelled, nothing changes anywhere.
    await reveal.click();
    const dialog = recorder.page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('参加者の画面を隠しますか');
    await recorder.page.getByTestId('confirm-cancel').click();
    await dialog.waitFor({ state: 'hidden' });
    await projector.page.waitForTimeout(500);
    expect(await projector.page.getByTestId('cover').count()).toBe(0);
    expect(await reveal.getAttribute('data-state')).toBe('revealed');
    await screenshot(recorder.page, 'recorder-cover-switch');

    // Confirmed: the audience sees the cover; the board stays on the recorder.
    await reveal.click();
    await recorder.page.getByTestId('confirm-hide').click();
    await projector.page.getByTestId('cover').waitFor();
    await viewer.page.getByTestId('cover').waitFor();
    await reveal.click();
    await projector.page.getByTestId('cover').waitFor({ state: 'detached' });
    await expectInk(projector.page, alongStroke(STROKE));

    for (const opened of [recorder, projector, viewer]) {
      expect(opened.errors).toEqual([]);
      await opened.close();
    }
  });

  it('?bg=green and ?bg=transparent for OBS, ?view=follow follows the recorder', async () => {
    const board = await env.newBoard('OBS');
    const recorder = await openPage(env.browser, board.links.draw);
    await waitForBoard(recorder.page);
    await drawStroke(recorder.page, STROKE);

    const green = await openPage(env.browser, `${board.links.present}&bg=green`, {
      width: 1280,
      height: 900,
    });
    await waitForBoard(green.page);
    await expectInk(green.page, alongStroke(STROKE));
    // A 16:9 board on a 1280x900 screen: bands above and below in chroma green.
    expect(await canvasPixel(green.page, 640, 5)).toEqual([0, 177, 64, 255]);
    expect(await canvasPixel(green.page, 640, 450)).toEqual([255, 255, 255, 255]);
    await screenshot(green.page, 'projector-bg-green');

    const clear = await openPage(env.browser, `${board.links.present}&bg=transparent`, {
      width: 1280,
      height: 900,
    });
    await waitForBoard(clear.page);
    await expectInk(clear.page, alongStroke(STROKE));
    expect((await canvasPixel(clear.page, 640, 5))[3]).toBe(0);
    expect(await canvasPixel(clear.page, 640, 450)).toEqual([255, 255, 255, 255]);
    const backgrounds = await clear.page.evaluate(() =>
      [document.documentElement, document.body, document.querySelector('[data-testid="projector"]')].map(
        (el) => (el ? getComputedStyle(el).backgroundColor : 'missing'),
      ),
    );
    expect(backgrounds).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
    await clear.page.screenshot({ path: resultPath('projector-bg-transparent.png'), omitBackground: true });

    // Follow: the projector shows what the recorder shows.
    const follow = await openPage(env.browser, `${board.links.present}&view=follow`, {
      width: 1280,
      height: 720,
    });
    await waitForBoard(follow.page);
    expect(await follow.page.getByTestId('projector').getAttribute('data-view')).toBe('follow');
    const box = await recorder.page.getByTestId('board').boundingBox();
    if (!box) throw new Error('no board');
    await recorder.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 3; i++) await recorder.page.mouse.wheel(0, -300);
    const seen = await waitForRect(follow.page, () => visibleRect(recorder.page));
    expect(seen.w).toBeLessThan(2000);
    expect(await follow.page.locator('button:visible, select:visible, input:visible').count()).toBe(0);

    for (const opened of [recorder, green, clear, follow]) {
      expect(opened.errors).toEqual([]);
      await opened.close();
    }
  });
});

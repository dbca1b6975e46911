import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alongStroke,
  drawStroke,
  expectInk,
  openPage,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';

const STROKE: readonly BoardPoint[] = [
  [1000, 1000],
  [1900, 1300],
  [2800, 1000],
];

describe('pages', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('recorder: online, save-status goes pending then saved, viewer count', async () => {
    const recorder = await openPage(env.browser, env.board.links.draw);
    const viewer = await openPage(env.browser, env.board.links.view);
    const { page } = recorder;
    await waitForBoard(page);
    await waitForBoard(viewer.page);
    const connection = page.getByTestId('connection-status');
    const save = page.getByTestId('save-status');
    expect(await connection.getAttribute('data-state')).toBe('online');
    expect(await save.getAttribute('data-state')).toBe('saved');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="viewer-count"]')?.getAttribute('data-count') === '1',
    );

    // Record every save-status state the page shows while a stroke goes out.
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="save-status"]');
      const seen: string[] = [];
      (window as unknown as { __seen: string[] }).__seen = seen;
      new MutationObserver(() => seen.push(el?.getAttribute('data-state') ?? '')).observe(el as Element, {
        attributes: true,
      });
    });
    await drawStroke(page, STROKE);
    await page.waitForFunction(() => window.__grareco?.saveState === 'saved' && window.__grareco.seq === 1);
    const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
    expect(seen).toEqual(['pending', 'saved']);
    expect(await save.getAttribute('data-state')).toBe('saved');
    await expectInk(viewer.page, alongStroke(STROKE));
    await screenshot(page, 'pages-recorder');
    expect(recorder.errors).toEqual([]);
    await recorder.close();
    await viewer.close();
  });

  it('projector: the board alone, fitted, no controls', async () => {
    const projector = await openPage(env.browser, env.board.links.present, { width: 1280, height: 720 });
    const { page } = projector;
    await waitForBoard(page, { online: false });
    await page.waitForFunction(() => window.__grareco?.connection === 'online');
    await expectInk(page, alongStroke(STROKE));
    expect(await page.locator('button:visible, select:visible, input:visible').count()).toBe(0);
    expect(await page.getByTestId('connection-status').count()).toBe(0);
    expect(await page.getByTestId('board').isVisible()).toBe(true);
    await screenshot(page, 'pages-projector');
    expect(projector.errors).toEqual([]);
    await projector.close();
  });

  it('viewer: follows by default, follow-toggle fits the board, a wheel frees the view', async () => {
    const viewer = await openPage(env.browser, env.board.links.view);
    const { page } = viewer;
    await waitForBoard(page);
    const toggle = page.getByTestId('follow-toggle');
    expect(await toggle.getAttribute('data-mode')).toBe('follow');
    await toggle.click();
    expect(await toggle.getAttribute('data-mode')).toBe('fit');
    expect(await toggle.getAttribute('data-state')).toBe('fit');
    const box = await page.getByTestId('board').boundingBox();
    if (!box) throw new Error('no board');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction(() => (window.__grareco?.viewport?.[0] ?? 0) > 0.4);
    expect(await toggle.getAttribute('data-mode')).toBe('free');
    await page.getByTestId('back-to-live').click();
    expect(await toggle.getAttribute('data-mode')).toBe('follow');
    await toggle.click();
    expect(await toggle.getAttribute('data-mode')).toBe('fit');
    await expectInk(page, alongStroke(STROKE));
    expect(viewer.errors).toEqual([]);
    await viewer.close();
  });

  it('unknown board and wrong key show the error page, not a canvas', async () => {
    const viewUrl = new URL(env.board.links.view);
    const cases = [
      { url: `${viewUrl.origin}/b/NoSuchBoard123/view?key=whatever`, reason: 'unknown_board' },
      { url: `${viewUrl.origin}${viewUrl.pathname}?key=wrong-key`, reason: 'bad_key' },
      { url: `${viewUrl.origin}${viewUrl.pathname}`, reason: 'bad_key' },
      { url: env.board.links.draw.replace(/key=[^&]+/, 'key=nope'), reason: 'bad_key' },
    ];
    for (const c of cases) {
      const opened = await openPage(env.browser, c.url);
      const { page } = opened;
      const errorPage = page.getByTestId('error-page');
      await errorPage.waitFor();
      expect(await errorPage.getAttribute('data-reason')).toBe(c.reason);
      const text = await page.getByTestId('error-message').innerText();
      expect(text).toMatch(c.reason === 'unknown_board' ? /見つかりません/ : /キー/);
      expect(await page.locator('canvas').count()).toBe(0);
      if (c.reason === 'bad_key') await screenshot(page, 'pages-error-bad-key');
      await opened.close();
    }
  });

  it('English is selectable with ?lang=en', async () => {
    const opened = await openPage(env.browser, `${env.board.links.view}&lang=en`);
    await waitForBoard(opened.page);
    expect(await opened.page.getByTestId('connection-status').innerText()).toMatch(/Online/);
    await opened.close();
  });
});

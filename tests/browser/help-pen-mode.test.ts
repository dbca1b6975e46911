import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../client/shortcuts';
import { boardToPage, openPage, readHook, screenshot, waitForBoard } from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { createBoard } from '../helpers/socket-clients';
import { TEST_ADMIN_TOKEN } from '../helpers/test-server';

type TouchPoint = { x: number; y: number; id: number };

async function touch(
  cdp: CDPSession,
  type: 'touchStart' | 'touchMove' | 'touchEnd',
  points: TouchPoint[],
): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: points.map((p) => ({ x: p.x, y: p.y, id: p.id, radiusX: 2, radiusY: 2, force: 0.5 })),
  });
}

/** A stylus stroke through CDP: mouse events with pointerType 'pen' and pressure. */
async function penStroke(cdp: CDPSession, from: { x: number; y: number }, to: { x: number; y: number }) {
  const base = { pointerType: 'pen' as const, button: 'left' as const, force: 0.6 };
  await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...from, ...base, clickCount: 1 });
  for (let i = 1; i <= 12; i++) {
    const x = from.x + ((to.x - from.x) * i) / 12;
    const y = from.y + ((to.y - from.y) * i) / 12;
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y, ...base, buttons: 1 });
  }
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...to, ...base, clickCount: 1 });
}

async function waitCount(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (count) => window.__grareco?.objectCount === count && window.__grareco.saveState === 'saved',
    n,
  );
}

describe('help panel and pen mode', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('the ? button and the ? key open the shortcut list from the one table', async () => {
    const recorder = await openPage(env.browser, env.board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);

    await page.getByTestId('help').click();
    const panel = page.getByTestId('help-panel');
    await panel.waitFor();
    expect(await panel.getByTestId('shortcut-row').count()).toBe(SHORTCUTS.length);
    const text = (await panel.textContent()) ?? '';
    for (const needle of [
      'ペン',
      'テキスト',
      '図形',
      '元に戻す',
      'やり直す',
      'Ctrl+Z',
      'Ctrl+Shift+Z',
      'Ctrl+Y',
    ]) {
      expect(text).toContain(needle);
    }
    await screenshot(page, 'help-panel');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });

    await page.keyboard.press('Shift+Slash');
    await panel.waitFor();
    await page.getByTestId('help-close').click();
    await panel.waitFor({ state: 'detached' });

    // The keys the panel lists are the keys that work.
    await page.keyboard.press('t');
    expect(await page.getByTestId('tool-text').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('r');
    expect(await page.getByTestId('tool-shape').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('p');
    expect(await page.getByTestId('tool-pen').getAttribute('aria-pressed')).toBe('true');
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });

  it('after a pen touches, a finger pans instead of drawing; the toggle shows and turns it off', async () => {
    const board = await createBoard(env.url, TEST_ADMIN_TOKEN, 'ペンモード');
    const recorder = await openPage(env.browser, board.links.draw, undefined, { hasTouch: true });
    const { page } = recorder;
    await waitForBoard(page);
    const cdp = await page.context().newCDPSession(page);
    const toggle = page.getByTestId('pen-mode');
    expect(await toggle.getAttribute('data-state')).toBe('off');

    await penStroke(cdp, await boardToPage(page, 600, 600), await boardToPage(page, 1600, 700));
    await waitCount(page, 1);
    expect(await toggle.getAttribute('data-state')).toBe('on');

    // One finger: the view moves, nothing is drawn.
    const before = (await readHook(page)).viewport;
    const a = await boardToPage(page, 1000, 1400);
    await touch(cdp, 'touchStart', [{ ...a, id: 1 }]);
    for (let i = 1; i <= 10; i++) await touch(cdp, 'touchMove', [{ x: a.x + i * 12, y: a.y + i * 5, id: 1 }]);
    await touch(cdp, 'touchEnd', []);
    const after = (await readHook(page)).viewport;
    expect((after[4] ?? 0) - (before[4] ?? 0)).toBeCloseTo(120, 0);
    expect((after[5] ?? 0) - (before[5] ?? 0)).toBeCloseTo(50, 0);
    await page.waitForTimeout(200);
    expect((await readHook(page)).objectCount).toBe(1);

    // Turned off by hand: a finger draws again, and a later pen does not turn it back on.
    await toggle.click();
    expect(await toggle.getAttribute('data-state')).toBe('off');
    const b = await boardToPage(page, 800, 1800);
    await touch(cdp, 'touchStart', [{ ...b, id: 2 }]);
    for (let i = 1; i <= 10; i++) await touch(cdp, 'touchMove', [{ x: b.x + i * 15, y: b.y, id: 2 }]);
    await touch(cdp, 'touchEnd', []);
    await waitCount(page, 2);
    await penStroke(cdp, await boardToPage(page, 2000, 600), await boardToPage(page, 2600, 700));
    await waitCount(page, 3);
    expect(await toggle.getAttribute('data-state')).toBe('off');
    await toggle.click();
    expect(await toggle.getAttribute('data-state')).toBe('on');
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });

  it('a two-finger tap undoes', async () => {
    const board = await createBoard(env.url, TEST_ADMIN_TOKEN, '2本指');
    const recorder = await openPage(env.browser, board.links.draw, undefined, { hasTouch: true });
    const { page } = recorder;
    await waitForBoard(page);
    const cdp = await page.context().newCDPSession(page);
    await penStroke(cdp, await boardToPage(page, 600, 600), await boardToPage(page, 1600, 700));
    await penStroke(cdp, await boardToPage(page, 600, 900), await boardToPage(page, 1600, 1000));
    await waitCount(page, 2);

    const c = await boardToPage(page, 2000, 1200);
    await touch(cdp, 'touchStart', [{ x: c.x - 40, y: c.y, id: 1 }]);
    await touch(cdp, 'touchStart', [
      { x: c.x - 40, y: c.y, id: 1 },
      { x: c.x + 40, y: c.y, id: 2 },
    ]);
    await touch(cdp, 'touchEnd', []);
    await waitCount(page, 1);

    // A pinch is not a tap: nothing more is undone.
    await touch(cdp, 'touchStart', [{ x: c.x - 40, y: c.y, id: 3 }]);
    await touch(cdp, 'touchStart', [
      { x: c.x - 40, y: c.y, id: 3 },
      { x: c.x + 40, y: c.y, id: 4 },
    ]);
    for (let i = 1; i <= 6; i++) {
      await touch(cdp, 'touchMove', [
        { x: c.x - 40 - i * 15, y: c.y, id: 3 },
        { x: c.x + 40 + i * 15, y: c.y, id: 4 },
      ]);
    }
    await touch(cdp, 'touchEnd', []);
    await page.waitForTimeout(300);
    expect((await readHook(page)).objectCount).toBe(1);
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });
});

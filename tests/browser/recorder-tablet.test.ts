import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BoardObject } from '../../shared/objects/board-object';
import type { ImageRecord } from '../../shared/objects/image';
import {
  boardToPage,
  drawStroke,
  openPage,
  readHook,
  screenshot,
  waitForBoard,
} from '../helpers/browser-pages';
import { useBrowserBoard } from '../helpers/browser-setup';
import { makePng } from '../helpers/images';
import { createBoard, getBoardDoc, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { TEST_ADMIN_TOKEN } from '../helpers/test-server';

/** The seminar's own title: the longest one the rehearsal met, shown whole in the bar. */
const TITLE = '第21回地域福祉セミナー';
/** The bar may take this share of the screen's height (the rest is the board). */
const CHROME_SHARE = 0.15;
const TARGET_PX = 44;

const SCREENS = [
  { name: 'ipad-landscape', width: 1180, height: 820 },
  { name: 'ipad-portrait', width: 820, height: 1180 },
  { name: 'laptop', width: 1280, height: 800 },
] as const;

const env = useBrowserBoard();

async function objectsOf(board: CreatedBoard): Promise<BoardObject[]> {
  return (await getBoardDoc(env().url, board.id, keyOf(board.links.view))).body.objects as BoardObject[];
}

async function setLocked(board: CreatedBoard, locked: boolean): Promise<void> {
  const res = await fetch(`${env().url}/api/boards/${board.id}/lock`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ locked }),
  });
  expect(res.status).toBe(200);
}

interface Box {
  what: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every press target in the page's toolbars (visible ones): buttons, labels holding inputs, selects. */
function toolbarTargets(page: Page): Promise<Box[]> {
  return page.evaluate(() => {
    const out: Box[] = [];
    const targets = document.querySelectorAll<HTMLElement>(
      '[role="toolbar"] button, [role="toolbar"] label, [role="toolbar"] select',
    );
    for (const el of targets) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      const what = el.dataset['testid'] ?? el.getAttribute('aria-label') ?? el.outerHTML.slice(0, 60);
      out.push({ what, x: r.x, y: r.y, width: r.width, height: r.height });
    }
    return out;
  });
}

/** The recorder's chrome: the bar above the board (everything not the board). */
async function chromeHeight(page: Page): Promise<number> {
  const board = await page.getByTestId('board').boundingBox();
  if (!board) throw new Error('no board');
  return board.y;
}

/** Whether an element is whole on the screen: inside the viewport and its text not clipped. */
function wholeOnScreen(page: Page, selector: string): Promise<{ ok: boolean; why: string }> {
  return page.evaluate((sel) => {
    const el = document.querySelector<HTMLElement>(sel);
    if (!el) return { ok: false, why: 'missing' };
    const r = el.getBoundingClientRect();
    const inside = r.left >= 0 && r.top >= 0 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight;
    const clipped = el.scrollWidth > el.clientWidth + 1;
    return {
      ok: inside && !clipped && r.width > 0,
      why: `box ${r.left},${r.top},${r.right},${r.bottom} in ${innerWidth}x${innerHeight}, scroll ${el.scrollWidth}/${el.clientWidth}`,
    };
  }, selector);
}

/** The bar's controls that must never be cut off, and that the cover switch comes last, apart. */
async function expectBarWhole(page: Page): Promise<void> {
  for (const sel of ['header .title', '[data-testid="language"]', '[data-testid="reveal-toggle"]']) {
    const whole = await wholeOnScreen(page, sel);
    expect(whole.ok, `${sel}: ${whole.why}`).toBe(true);
  }
  const order = await page.evaluate(() => {
    const bar = document.querySelector('header');
    const reveal = document.querySelector('[data-testid="reveal-toggle"]');
    if (!bar || !reveal) return { last: false, apart: 0 };
    const r = reveal.getBoundingClientRect();
    // Nothing of the bar sits after the cover switch on its row.
    const after = [...bar.querySelectorAll<HTMLElement>('button, select, input, .chip, .title')].filter(
      (el) => {
        const b = el.getBoundingClientRect();
        return el !== reveal && b.width > 0 && b.top < r.bottom && b.bottom > r.top && b.left >= r.right;
      },
    );
    const tools = [...bar.querySelectorAll<HTMLElement>('[role="toolbar"] button')].map((el) =>
      el.getBoundingClientRect(),
    );
    const sameRow = tools.filter((b) => b.top < r.bottom && b.bottom > r.top);
    const apart = Math.min(...sameRow.map((b) => Math.abs(r.left - b.right)), Infinity);
    return { last: after.length === 0, apart };
  });
  expect(order.last).toBe(true);
  expect(order.apart).toBeGreaterThanOrEqual(100);
}

/** Nothing of the bar reaches past the screen's right edge. */
async function expectNothingPastEdge(page: Page): Promise<void> {
  const past = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('header *')]
      .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5)
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(past).toEqual([]);
}

describe('the recorder on a tablet', () => {
  it('the bar stays within 15 % of the height, every tool is a 44 px target, nothing is cut off', async () => {
    const board = await createBoard(env().url, TEST_ADMIN_TOKEN, TITLE);
    for (const screen of SCREENS) {
      for (const lang of ['ja', 'en'] as const) {
        const viewport = { width: screen.width, height: screen.height };
        const recorder = await openPage(env().browser, board.links.draw, viewport, { hasTouch: true });
        const { page } = recorder;
        await waitForBoard(page);
        if (lang === 'en') await page.getByTestId('language').selectOption('en');
        await page.evaluate(() => document.fonts.ready);
        const where = `${screen.name} ${lang}`;

        const chrome = await chromeHeight(page);
        expect(chrome, `${where}: chrome ${chrome}px`).toBeLessThanOrEqual(screen.height * CHROME_SHARE);

        const targets = await toolbarTargets(page);
        expect(targets.length).toBeGreaterThan(20);
        const small = targets.filter((b) => b.width < TARGET_PX - 0.5 || b.height < TARGET_PX - 0.5);
        expect(small, where).toEqual([]);
        await expectBarWhole(page);
        await expectNothingPastEdge(page);

        // The colour panel (the colours behind "more") opens on the screen, its targets 44 px too.
        await page.getByTestId('color-more').click();
        const panel = page.getByTestId('color-panel');
        await panel.waitFor();
        const panelBox = await panel.boundingBox();
        expect(panelBox).not.toBeNull();
        if (panelBox) {
          expect(panelBox.x).toBeGreaterThanOrEqual(0);
          expect(panelBox.x + panelBox.width).toBeLessThanOrEqual(screen.width);
        }
        const custom = await page.locator('[data-testid="color-panel"] label').boundingBox();
        expect(custom?.width ?? 0).toBeGreaterThanOrEqual(TARGET_PX);
        expect(custom?.height ?? 0).toBeGreaterThanOrEqual(TARGET_PX);
        if (lang === 'ja') await screenshot(page, `tablet-${screen.name}-colors`);
        await page.keyboard.press('Escape');
        await panel.waitFor({ state: 'detached' });
        await screenshot(page, `tablet-${screen.name}-${lang}`);
        console.log(`[tablet] ${where}: chrome ${chrome}px of ${screen.height} (${targets.length} targets)`);
        expect(recorder.errors).toEqual([]);
        await recorder.close();
      }
    }
  }, 180_000);

  it('a locked board: tools off, one notice, undo untouched, the bar unchanged by a stroke attempt', async () => {
    const board = await createBoard(env().url, TEST_ADMIN_TOKEN, TITLE);
    const recorder = await openPage(
      env().browser,
      board.links.draw,
      { width: 1180, height: 820 },
      { hasTouch: true },
    );
    const { page } = recorder;
    await waitForBoard(page);
    const barBefore = await page.locator('header').boundingBox();
    const titleBefore = await page.locator('header .title').boundingBox();

    await setLocked(board, true);
    await page.getByTestId('locked-status').waitFor();
    for (const id of [
      'tool-pen',
      'tool-marker',
      'tool-eraser',
      'tool-select',
      'tool-text',
      'tool-shape',
      'tool-image',
      'color-0',
      'size-1',
      'undo',
      'redo',
    ]) {
      const el = page.getByTestId(id);
      const off = (await el.isDisabled()) || (await el.getAttribute('aria-disabled')) === 'true';
      expect(off, id).toBe(true);
      // Visibly off too: faded, and not shown as the picked tool.
      expect(Number(await el.evaluate((e) => getComputedStyle(e).opacity))).toBeLessThan(0.6);
    }
    expect(await page.getByTestId('tool-pen').getAttribute('aria-pressed')).toBe('false');

    // A stroke attempt (pen, and the keys): nothing drawn, nothing sent, nothing to undo.
    await drawStroke(page, [
      [600, 600],
      [1600, 900],
    ]);
    await page.keyboard.press('ControlOrMeta+z');
    await page.keyboard.press('t');
    await page.waitForTimeout(800);
    expect((await readHook(page)).objectCount).toBe(0);
    expect(await objectsOf(board)).toEqual([]);
    expect(await page.getByTestId('undo').isDisabled()).toBe(true);

    // One notice, one alert: the locked one, once.
    const notices = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[role="alert"], [role="status"]')]
        .filter((el) => el.getBoundingClientRect().width > 0)
        .map((el) => ({ role: el.getAttribute('role'), text: el.innerText })),
    );
    expect(notices.filter((n) => n.role === 'alert')).toHaveLength(1);
    expect(notices.filter((n) => /ロック/.test(n.text))).toHaveLength(1);
    expect(await page.getByTestId('rejection').count()).toBe(0);

    // The bar did not move: title and language selector whole, as before.
    expect(await page.locator('header').boundingBox()).toEqual(barBefore);
    expect(await page.locator('header .title').boundingBox()).toEqual(titleBefore);
    await expectBarWhole(page);
    await screenshot(page, 'tablet-locked');

    // Unlocked: the tools come back and draw.
    await setLocked(board, false);
    await page.getByTestId('locked-status').waitFor({ state: 'detached' });
    expect(await page.getByTestId('tool-pen').isDisabled()).toBe(false);
    await page.getByTestId('tool-pen').click();
    await drawStroke(page, [
      [600, 600],
      [1600, 900],
    ]);
    await page.waitForFunction(
      () => window.__grareco?.objectCount === 1 && window.__grareco.saveState === 'saved',
    );
    expect(await page.getByTestId('undo').isDisabled()).toBe(false);
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  }, 90_000);

  it('an image follows the pen and is sent only when tapped down; Esc and cancel send nothing', async () => {
    const board = await createBoard(env().url, TEST_ADMIN_TOKEN, '画像の配置');
    const recorder = await openPage(env().browser, board.links.draw, { width: 1180, height: 820 });
    const viewer = await openPage(env().browser, board.links.view);
    const { page } = recorder;
    await waitForBoard(page);
    await waitForBoard(viewer.page);
    const uploads: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/assets')) uploads.push(r);
    });
    const png = { name: 'speaker.png', mimeType: 'image/png', buffer: makePng(300, 200, [230, 90, 20]) };

    await page.getByTestId('image-input').setInputFiles(png);
    const placement = page.getByTestId('image-placement');
    await placement.waitFor();
    const preview = page.getByTestId('image-preview');
    // The preview follows the mouse: its middle is under the pointer, translucent.
    const target = await boardToPage(page, 1000, 700);
    await page.mouse.move(target.x - 200, target.y - 100);
    await page.mouse.move(target.x, target.y, { steps: 6 });
    const box = await preview.boundingBox();
    expect(box).not.toBeNull();
    if (box) {
      expect(Math.abs(box.x + box.width / 2 - target.x)).toBeLessThan(2);
      expect(Math.abs(box.y + box.height / 2 - target.y)).toBeLessThan(2);
    }
    expect(Number(await preview.evaluate((e) => getComputedStyle(e).opacity))).toBeLessThan(1);
    await screenshot(page, 'tablet-image-placing');
    await page.waitForTimeout(500);
    expect(uploads).toHaveLength(0);
    expect(await objectsOf(board)).toEqual([]);
    expect((await readHook(viewer.page)).objectCount).toBe(0);

    // The tap places it there: exactly one record, centred on the tapped point.
    await page.mouse.down();
    await page.mouse.up();
    await placement.waitFor({ state: 'detached' });
    await expect.poll(async () => (await objectsOf(board)).length, { timeout: 10_000 }).toBe(1);
    const [image] = (await objectsOf(board)) as ImageRecord[];
    expect(image).toMatchObject({ type: 'image', w: 300, h: 200 });
    const [, , , , x = 0, y = 0] = image?.transform ?? [];
    expect(Math.abs(x + 150 - 1000)).toBeLessThanOrEqual(2);
    expect(Math.abs(y + 100 - 700)).toBeLessThanOrEqual(2);
    await viewer.page.waitForFunction(() => window.__grareco?.objectCount === 1);
    expect(uploads).toHaveLength(1);

    // Esc, and the cancel button: the preview goes, nothing is sent.
    await page.getByTestId('image-input').setInputFiles(png);
    await placement.waitFor();
    await page.keyboard.press('Escape');
    await placement.waitFor({ state: 'detached' });
    await page.getByTestId('image-input').setInputFiles(png);
    await placement.waitFor();
    await page.getByTestId('image-place-cancel').click();
    await placement.waitFor({ state: 'detached' });
    await page.waitForTimeout(500);
    expect(uploads).toHaveLength(1);
    expect(await objectsOf(board)).toHaveLength(1);
    expect((await readHook(viewer.page)).objectCount).toBe(1);
    expect((await readHook(page)).objectCount).toBe(1);
    expect(recorder.errors).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await recorder.close();
    await viewer.close();
  }, 90_000);

  it('the help lists the touch gestures, in Japanese and in English', async () => {
    const recorder = await openPage(
      env().browser,
      env().board.links.draw,
      { width: 1180, height: 820 },
      { hasTouch: true },
    );
    const { page } = recorder;
    await waitForBoard(page);
    await page.getByTestId('help').click();
    const gestures = page.getByTestId('help-panel').getByTestId('gesture-row');
    await expect
      .poll(() => gestures.allInnerTexts())
      .toEqual([
        '2本指でタップ:元に戻す',
        'ペンモード中の1本指ドラッグ:表示を移動',
        '2本指でピンチ:拡大・縮小と移動',
        '選択したテキストをタップ:編集',
      ]);
    // On the screen without scrolling: the gestures come before the keyboard table.
    const panel = await page.getByTestId('help-panel').boundingBox();
    const last = await gestures.last().boundingBox();
    expect(panel && last && last.y + last.height <= panel.y + panel.height).toBe(true);
    await screenshot(page, 'tablet-help');
    await page.keyboard.press('Escape');
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('help').click();
    await expect
      .poll(() => gestures.allInnerTexts())
      .toEqual([
        'Two-finger tap: undo',
        'One-finger drag in pen mode: move the view',
        'Two-finger pinch: zoom and move',
        'Tap a selected text: edit it',
      ]);
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, waitForBoard } from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { cardOf, openConsole } from '../helpers/console-pages';

/** Buttons, inputs, selects and links inside `scope` that have no accessible name. */
function unnamedControls(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    if (!root) throw new Error(`no ${sel}`);
    const out: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href]')) {
      // Hidden from assistive technology on purpose (a file input behind its visible button).
      if ((el instanceof HTMLInputElement && el.type === 'hidden') || el.closest('[aria-hidden="true"]'))
        continue;
      const labelled =
        (el.getAttribute('aria-label') ?? '').trim() !== '' ||
        (el.getAttribute('aria-labelledby') ?? '') !== '' ||
        ('labels' in el && ((el as HTMLInputElement).labels?.length ?? 0) > 0);
      const text =
        el instanceof HTMLButtonElement || el instanceof HTMLAnchorElement ? el.textContent?.trim() : '';
      if (!labelled && !text) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  }, scope);
}

/**
 * Every visible text on the page whose colour against its effective background falls below
 * WCAG AA (4.5:1, or 3:1 for large text). Disabled controls are exempt, as WCAG says.
 */
function lowContrastTexts(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const parse = (c: string): [number, number, number, number] => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m?.[1]) return [0, 0, 0, 0];
      const [r = 0, g = 0, b = 0, a = 1] = m[1]
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [r, g, b, a];
    };
    const lum = ([r, g, b]: number[]) => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(r ?? 0) + 0.7152 * ch(g ?? 0) + 0.0722 * ch(b ?? 0);
    };
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const [r, g, b, a] = parse(getComputedStyle(e).backgroundColor);
        if (a > 0.9) return [r, g, b];
      }
      return [255, 255, 255];
    };
    const root = document.querySelector(sel);
    if (!root) throw new Error(`no ${sel}`);
    const out: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('[disabled], .visually-hidden, option')) continue;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || rect.width === 0 || rect.height === 0) continue;
      const fg = parse(style.color);
      const bg = background(el);
      const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const large = size >= 24 || (bold && size >= 18.66);
      if (ratio < (large ? 3 : 4.5))
        out.push(`${ratio.toFixed(2)} "${text.slice(0, 30)}" ${style.color} on rgb(${bg})`);
    }
    return out;
  }, scope);
}

describe('organiser console: accessibility', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('names every control, and every text passes WCAG AA contrast, in both languages', async () => {
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    await page.getByTestId('create-agenda-seminar').click();
    await page.getByTestId('create-cover').check();
    // The check itself: a pale grey line is caught.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'pale';
      p.style.color = '#adb5bd';
      p.textContent = 'うすい文字';
      document.querySelector('.console main')?.append(p);
    });
    expect((await lowContrastTexts(page, '.console')).join()).toContain('うすい文字');
    await page.evaluate(() => document.getElementById('pale')?.remove());
    for (const lang of ['ja', 'en'] as const) {
      await page.getByTestId('language').selectOption(lang);
      expect(await unnamedControls(page, '.console')).toEqual([]);
      expect(await lowContrastTexts(page, '.console')).toEqual([]);
    }
    await page.getByTestId('language').selectOption('ja');

    // The delete question, its buttons at rest and under the pointer.
    await page.getByTestId('board-delete').first().click();
    const confirm = page.getByTestId('confirm-delete').filter({ visible: true });
    await confirm.waitFor();
    expect(await lowContrastTexts(page, 'dialog[open]')).toEqual([]);
    await confirm.hover();
    expect(await lowContrastTexts(page, 'dialog[open]')).toEqual([]);
    await page.keyboard.press('Escape');
    // A primary button under the pointer.
    await page.getByTestId('create-title').fill('x');
    await page.getByTestId('create-submit').hover();
    expect(await lowContrastTexts(page, '.console')).toEqual([]);
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it('works from the keyboard alone: create a board, lock it', async () => {
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
    await page.getByTestId('create-title').focus();
    await page.keyboard.type('キーボードだけで作るボード');
    // Tab on to the agenda's "seminar example" button and press it.
    for (let i = 0; i < 40 && (await focused()) !== 'create-agenda-seminar'; i++)
      await page.keyboard.press('Tab');
    expect(await focused()).toBe('create-agenda-seminar');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('agenda-row').count()).toBe(6);
    for (let i = 0; i < 20 && (await focused()) !== 'create-submit'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('create-submit');
    await page.keyboard.press('Enter');
    const card = cardOf(page, 'キーボードだけで作るボード');
    await card.waitFor();

    await card.getByTestId('board-lock').focus();
    await page.keyboard.press('Space');
    await card.getByTestId('board-locked').waitFor();
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it('the recorder toolbar names every button', async () => {
    const recorder = await openPage(env.browser, env.board.links.draw);
    await waitForBoard(recorder.page);
    expect(await unnamedControls(recorder.page, '[role="toolbar"]')).toEqual([]);
    await recorder.close();
  });
});

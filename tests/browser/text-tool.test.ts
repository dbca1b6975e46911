import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutText, notoSansJpMeasure, textBlockHeight } from '../../shared/geometry/text-layout';
import type { BoardObject } from '../../shared/objects/board-object';
import type { TextRecord } from '../../shared/objects/text';
import { boardToPage, openPage, readHook, screenshot, waitForBoard } from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { inkShareIn } from '../helpers/ink-map';
import { createBoard, getBoardDoc, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { TEST_ADMIN_TOKEN } from '../helpers/test-server';

async function objectsOf(env: BrowserBoard, board: CreatedBoard): Promise<BoardObject[]> {
  return (await getBoardDoc(env.url, board.id, keyOf(board.links.view))).body.objects as BoardObject[];
}

async function waitSaved(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => window.__grareco?.objectCount === n && window.__grareco.saveState === 'saved',
    count,
  );
}

/** Clicks the board at a board point. */
async function clickBoard(page: Page, x: number, y: number): Promise<void> {
  const at = await boardToPage(page, x, y);
  await page.mouse.click(at.x, at.y);
}

describe('text tool', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('typed Japanese commits with Ctrl+Enter and reaches the server and a viewer', async () => {
    const board = await createBoard(env.url, TEST_ADMIN_TOKEN, 'テキスト');
    const recorder = await openPage(env.browser, board.links.draw);
    const viewer = await openPage(env.browser, board.links.view);
    const { page } = recorder;
    await waitForBoard(page);
    await waitForBoard(viewer.page);

    await page.keyboard.press('t');
    expect(await page.getByTestId('tool-text').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('text-size-heading').click();
    await page.getByTestId('color-3').click();
    await clickBoard(page, 600, 400);
    const editor = page.getByTestId('text-editor');
    await editor.waitFor();
    expect(await editor.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.insertText('重層的支援体制整備事業');
    await screenshot(page, 'text-editor-japanese');
    await page.keyboard.press('Control+Enter');
    await editor.waitFor({ state: 'detached' });
    await waitSaved(page, 1);

    const [text] = (await objectsOf(env, board)) as TextRecord[];
    const fontSize = 72;
    const lines = layoutText('重層的支援体制整備事業', text?.w ?? 0, notoSansJpMeasure(fontSize, true));
    expect(text).toMatchObject({
      type: 'text',
      text: '重層的支援体制整備事業',
      fontSize,
      bold: true,
      color: '#1c7ed6',
      h: textBlockHeight(lines, fontSize),
    });
    expect(lines).toEqual(['重層的支援体制整備事業']);
    // Placed where it was clicked: the first line's middle is on the click.
    expect(text?.transform[4]).toBe(600);
    expect(Math.abs((text?.transform[5] ?? 0) + (fontSize * 1.35) / 2 - 400)).toBeLessThan(1);
    await viewer.page.waitForFunction(() => window.__grareco?.objectCount === 1);
    // The viewer draws it where it was typed, and nothing beside it.
    const box = {
      minX: text?.transform[4] ?? 0,
      minY: text?.transform[5] ?? 0,
      maxX: (text?.transform[4] ?? 0) + (text?.w ?? 0),
      maxY: (text?.transform[5] ?? 0) + (text?.h ?? 0),
    };
    await expect.poll(() => inkShareIn(viewer.page, box)).toBeGreaterThan(0.05);
    expect(await inkShareIn(viewer.page, { ...box, minY: box.maxY + 20, maxY: box.maxY + 300 })).toBe(0);
    await screenshot(page, 'text-rendered');
    await screenshot(viewer.page, 'text-viewer');
    expect(recorder.errors).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await recorder.close();
    await viewer.close();
  });

  it('Enter during an IME composition does not commit; Ctrl+Enter after it commits the composed text', async () => {
    const board = await createBoard(env.url, TEST_ADMIN_TOKEN, 'IME');
    const recorder = await openPage(env.browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    await page.getByTestId('tool-text').click();
    await page.getByTestId('text-size-body').click();
    await clickBoard(page, 1000, 800);
    const editor = page.getByTestId('text-editor');
    await editor.waitFor();

    const cdp = await page.context().newCDPSession(page);
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="text-editor"]');
      const log: string[] = [];
      (window as unknown as { imeLog: string[] }).imeLog = log;
      for (const type of ['compositionstart', 'compositionend'])
        el?.addEventListener(type, () => log.push(type));
    });
    // A realistic composition: the IME shows かな, then converts.
    await cdp.send('Input.imeSetComposition', { text: 'じゅうそう', selectionStart: 5, selectionEnd: 5 });
    await cdp.send('Input.imeSetComposition', { text: '重層', selectionStart: 2, selectionEnd: 2 });
    // The key that confirms a conversion arrives while composing (Chrome: isComposing; Safari:
    // keyCode 229). Neither Enter nor Ctrl+Enter nor Escape may commit or cancel then.
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="text-editor"]');
      for (const init of [
        { key: 'Enter', isComposing: true, keyCode: 229 },
        { key: 'Enter', isComposing: true, ctrlKey: true },
        { key: 'Enter', keyCode: 229, ctrlKey: true },
        { key: 'Escape', isComposing: true },
      ]) {
        el?.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
      }
    });
    await page.waitForTimeout(100);
    expect(await editor.count()).toBe(1);
    expect((await readHook(page)).objectCount).toBe(0);
    await cdp.send('Input.insertText', { text: '重層的' });
    await page.keyboard.insertText('支援');
    expect(await page.evaluate(() => (window as unknown as { imeLog: string[] }).imeLog)).toEqual([
      'compositionstart',
      'compositionend',
    ]);
    expect(await editor.inputValue()).toBe('重層的支援');
    await page.keyboard.press('Control+Enter');
    await waitSaved(page, 1);
    const [text] = (await objectsOf(env, board)) as TextRecord[];
    expect(text).toMatchObject({ type: 'text', text: '重層的支援', fontSize: 44, bold: false });
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });

  it('a click outside commits, Escape cancels, an empty text adds nothing', async () => {
    const board = await createBoard(env.url, TEST_ADMIN_TOKEN, 'クリック');
    const recorder = await openPage(env.browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    await page.getByTestId('tool-text').click();

    await clickBoard(page, 500, 500);
    await page.keyboard.insertText('地域共生社会');
    // Outside the editor, on the board: commits and starts nothing else.
    await clickBoard(page, 2500, 1500);
    await waitSaved(page, 1);
    expect(await page.getByTestId('text-editor').count()).toBe(0);

    await clickBoard(page, 500, 1200);
    await page.keyboard.insertText('取り消す');
    await page.keyboard.press('Escape');
    await page.getByTestId('text-editor').waitFor({ state: 'detached' });

    await clickBoard(page, 500, 1600);
    await page.keyboard.press('Control+Enter');
    await page.waitForTimeout(200);
    expect((await readHook(page)).objectCount).toBe(1);
    expect((await objectsOf(env, board)).map((o) => (o as TextRecord).text)).toEqual(['地域共生社会']);
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });

  it('a long Japanese line wraps by character at the wrap width', async () => {
    const board = await createBoard(env.url, TEST_ADMIN_TOKEN, '折り返し');
    const recorder = await openPage(env.browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    await page.getByTestId('tool-text').click();
    await page.getByTestId('text-size-title').click();
    await clickBoard(page, 400, 300);
    const long = '包括的な相談支援体制と参加支援、地域づくりに向けた支援を一体的に実施する';
    await page.keyboard.insertText(long);
    await page.keyboard.press('Control+Enter');
    await waitSaved(page, 1);
    const [text] = (await objectsOf(env, board)) as TextRecord[];
    const lines = layoutText(long, text?.w ?? 0, notoSansJpMeasure(120, true));
    expect(lines.length).toBeGreaterThan(3);
    expect(text?.w).toBeLessThanOrEqual(1200);
    expect(text?.h).toBe(textBlockHeight(lines, 120));
    await recorder.close();
  });

  it('double-click on a text edits it (a patch); emptying it removes it', async () => {
    const board = await createBoard(env.url, TEST_ADMIN_TOKEN, '編集');
    const recorder = await openPage(env.browser, board.links.draw);
    const viewer = await openPage(env.browser, board.links.view);
    const { page } = recorder;
    await waitForBoard(page);
    await waitForBoard(viewer.page);
    await page.getByTestId('tool-text').click();
    await clickBoard(page, 800, 600);
    await page.keyboard.insertText('つながる会議');
    await page.keyboard.press('Control+Enter');
    await waitSaved(page, 1);
    const [before] = (await objectsOf(env, board)) as TextRecord[];

    // With another tool: a double-click on the text opens it.
    await page.keyboard.press('p');
    await page.getByTestId('tool-select').click();
    const at = await boardToPage(page, 900, 600);
    await page.mouse.dblclick(at.x, at.y);
    const editor = page.getByTestId('text-editor');
    await editor.waitFor();
    expect(await editor.inputValue()).toBe('つながる会議');
    // The editor stands in for the text: the canvas hides it meanwhile.
    const box = {
      minX: before?.transform[4] ?? 0,
      minY: before?.transform[5] ?? 0,
      maxX: (before?.transform[4] ?? 0) + (before?.w ?? 0),
      maxY: (before?.transform[5] ?? 0) + (before?.h ?? 0),
    };
    await expect.poll(() => inkShareIn(page, box)).toBe(0);
    await screenshot(page, 'text-editing-existing');
    await page.keyboard.press('End');
    await page.keyboard.insertText('・支援会議');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => window.__grareco?.saveState === 'saved');
    await expect
      .poll(async () => ((await objectsOf(env, board))[0] as TextRecord | undefined)?.text)
      .toBe('つながる会議・支援会議');
    const [after] = (await objectsOf(env, board)) as TextRecord[];
    expect(after?.id).toBe(before?.id);
    expect(after?.w).toBeGreaterThan(before?.w ?? 0);

    // The text tool's click on a text edits it too; emptied, it goes.
    await page.getByTestId('tool-text').click();
    await clickBoard(page, 900, 600);
    await editor.waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+Enter');
    await waitSaved(page, 0);
    expect(await objectsOf(env, board)).toEqual([]);
    await viewer.page.waitForFunction(() => window.__grareco?.objectCount === 0);
    expect(recorder.errors).toEqual([]);
    await recorder.close();
    await viewer.close();
  });
});

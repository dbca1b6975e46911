import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TextRecord } from '../../shared/objects/text';
import { boardToPage, openPage, waitForBoard } from '../helpers/browser-pages';
import { useBrowserBoard } from '../helpers/browser-setup';
import { getBoardDoc, keyOf, type CreatedBoard } from '../helpers/socket-clients';

/**
 * The iPad's text editing: iPadOS shows its keyboard only for a focus made inside the user's
 * gesture, and sends no dblclick under `touch-action: none`. Synthetic pointer events are
 * dispatched from the page and the focus is read right after dispatchEvent returns, before
 * anything else runs: a focus from a later task or microtask would read as not focused.
 */

interface Tap {
  /** What the page saw right after the pointerup's dispatchEvent returned. */
  editorOpen: boolean;
  focused: boolean;
}

/** A tap (pointerdown and pointerup at one point) at a board point, in one page task. */
async function tap(
  page: Page,
  at: readonly [number, number],
  pointerType: 'touch' | 'pen' | 'mouse',
  id: number,
): Promise<Tap> {
  const p = await boardToPage(page, at[0], at[1]);
  return page.evaluate(
    ({ x, y, pointerType, id }) => {
      const target = document.elementFromPoint(x, y);
      if (!target) throw new Error(`nothing at ${x},${y}`);
      const init: PointerEventInit = {
        pointerId: id,
        pointerType,
        isPrimary: true,
        bubbles: true,
        cancelable: true,
        composed: true,
        clientX: x,
        clientY: y,
        button: 0,
        pressure: 0.5,
      };
      target.dispatchEvent(new PointerEvent('pointerdown', { ...init, buttons: 1 }));
      target.dispatchEvent(new PointerEvent('pointerup', { ...init, buttons: 0, pressure: 0 }));
      const editor = document.querySelector('[data-testid="text-editor"]');
      return { editorOpen: editor !== null, focused: editor !== null && document.activeElement === editor };
    },
    { ...p, pointerType, id },
  );
}

async function texts(url: string, board: CreatedBoard): Promise<TextRecord[]> {
  const doc = await getBoardDoc(url, board.id, keyOf(board.links.view));
  return (doc.body.objects as unknown as TextRecord[]).filter((o) => o.type === 'text');
}

async function closeEditor(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByTestId('text-editor').waitFor({ state: 'detached' });
}

describe('text editing by touch', () => {
  const env = useBrowserBoard();

  it('the text tool focuses its editor within the tap (touch, pen and mouse)', async () => {
    const board = await env().newBoard('キーボード');
    const recorder = await openPage(env().browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    await page.getByTestId('tool-text').click();
    let id = 40;
    for (const pointerType of ['touch', 'pen', 'mouse'] as const) {
      expect(await tap(page, [1200, 700], pointerType, ++id), pointerType).toEqual({
        editorOpen: true,
        focused: true,
      });
      await closeEditor(page);
    }
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });

  it('a tap on a text the select tool has picked opens its editor, focused; a mouse keeps dblclick', async () => {
    const board = await env().newBoard('タップで編集');
    const recorder = await openPage(env().browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    // A text to edit, typed with the text tool.
    await page.getByTestId('tool-text').click();
    const placed = await boardToPage(page, 800, 600);
    await page.mouse.click(placed.x, placed.y);
    await page.getByTestId('text-editor').waitFor();
    await page.keyboard.insertText('地域共生');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(
      () => window.__grareco?.objectCount === 1 && window.__grareco.saveState === 'saved',
    );
    const [text] = await texts(env().url, board);
    if (!text) throw new Error('the text was not saved');
    const mid: [number, number] = [text.transform[4] + text.w / 2, text.transform[5] + text.h / 2];

    await page.getByTestId('tool-select').click();
    let id = 60;
    for (const pointerType of ['touch', 'pen'] as const) {
      // The first tap picks the text (a tap on an unpicked text must not open the keyboard).
      expect(await tap(page, mid, pointerType, ++id), `${pointerType}: first tap`).toEqual({
        editorOpen: false,
        focused: false,
      });
      await expect.poll(() => page.getByTestId('selection-bar').count()).toBe(1);
      // The second opens its editor with the keyboard's focus, before the event returns.
      expect(await tap(page, mid, pointerType, ++id), `${pointerType}: second tap`).toEqual({
        editorOpen: true,
        focused: true,
      });
      expect(await page.getByTestId('text-editor').inputValue()).toBe('地域共生');
      await closeEditor(page);
    }

    // A mouse click on the picked text only keeps it picked (a mouse drags it from there) …
    expect(await tap(page, mid, 'mouse', ++id)).toEqual({ editorOpen: false, focused: false });
    expect(await tap(page, mid, 'mouse', ++id)).toEqual({ editorOpen: false, focused: false });
    // … and edits it with a double-click, as before.
    const at = await boardToPage(page, mid[0], mid[1]);
    await page.mouse.dblclick(at.x, at.y);
    const editor = page.getByTestId('text-editor');
    await editor.waitFor();
    expect(await editor.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('End');
    await page.keyboard.insertText('社会');
    await page.keyboard.press('Control+Enter');
    await editor.waitFor({ state: 'detached' });
    await page.waitForFunction(() => window.__grareco?.saveState === 'saved');
    await expect
      .poll(async () => (await texts(env().url, board)).map((t) => t.text))
      .toEqual(['地域共生社会']);
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });
});

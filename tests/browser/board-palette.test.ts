import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardObject } from '../../shared/objects/board-object';
import { drawStroke, openPage, waitForBoard } from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { getBoardDoc, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { TEST_ADMIN_TOKEN } from '../helpers/test-server';

describe('the board’s own palette', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('gives the recorder the colours the organiser chose, and strokes take them', async () => {
    const res = await fetch(`${env.url}/api/boards`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'パレット', palette: ['#c92a2a', '#2b8a3e', '#1864ab'] }),
    });
    const board = (await res.json()) as CreatedBoard;
    const recorder = await openPage(env.browser, board.links.draw);
    await waitForBoard(recorder.page);
    // The palette's own swatches (the "more" button beside them holds the picker and recent ones).
    const swatches = recorder.page.locator('[data-testid^="color-"]:not([data-testid="color-more"])');
    expect(await swatches.count()).toBe(3);
    const colours = await swatches.evaluateAll((els) =>
      els.map((el) => (el as HTMLElement).style.getPropertyValue('--swatch')),
    );
    expect(colours).toEqual(['#c92a2a', '#2b8a3e', '#1864ab']);
    await recorder.page.getByTestId('color-1').click();
    await drawStroke(recorder.page, [
      [600, 600],
      [1400, 900],
    ]);
    await recorder.page.waitForFunction(
      () => window.__grareco?.saveState === 'saved' && window.__grareco?.objectCount === 1,
    );
    const doc = await getBoardDoc(env.url, board.id, keyOf(board.links.view));
    expect((doc.body.objects as BoardObject[]).map((o) => (o.type === 'stroke' ? o.color : ''))).toEqual([
      '#2b8a3e',
    ]);
    await recorder.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alongStroke,
  drawStroke,
  expectInk,
  openPage,
  readHook,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { TEST_ADMIN_TOKEN } from '../helpers/test-server';

const STROKE: readonly BoardPoint[] = [
  [800, 900],
  [1800, 1100],
  [2800, 900],
];

async function admin(url: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${url}/api/boards/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
}

describe('organiser actions seen by the recorder', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('a locked board: the tools are off, a stroke attempt sends nothing; unlocked, it draws', async () => {
    const board = await env.newBoard('ロック');
    const recorder = await openPage(env.browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    await admin(env.url, `${board.id}/lock`, { locked: true });
    await page.getByTestId('locked-status').waitFor();

    expect(await page.getByTestId('tool-pen').isDisabled()).toBe(true);
    await drawStroke(page, STROKE);
    await page.waitForTimeout(300);
    expect(await page.getByTestId('rejection').count()).toBe(0);
    expect((await readHook(page)).saveState).toBe('saved');
    expect((await readHook(page)).objectCount).toBe(0);
    await page.getByTestId('fit').click();
    await expectInk(page, alongStroke(STROKE), false);

    await admin(env.url, `${board.id}/lock`, { locked: false });
    await page.getByTestId('locked-status').waitFor({ state: 'detached' });
    await drawStroke(page, STROKE);
    await page.waitForFunction(() => window.__grareco?.seq === 1 && window.__grareco.saveState === 'saved');
    await expectInk(page, alongStroke(STROKE));
    await recorder.close();
  });

  it('rotating the edit key turns the open recorder page into the error page', async () => {
    const board = await env.newBoard('キー更新');
    const recorder = await openPage(env.browser, board.links.draw);
    const viewer = await openPage(env.browser, board.links.view);
    await waitForBoard(recorder.page);
    await waitForBoard(viewer.page);
    await admin(env.url, `${board.id}/rotate`, { which: 'edit' });
    await recorder.page.getByTestId('error-page').waitFor();
    expect(await recorder.page.getByTestId('error-page').getAttribute('data-reason')).toBe('bad_key');
    // The viewer's key did not change: it stays on the board.
    await viewer.page.waitForTimeout(500);
    expect(await viewer.page.getByTestId('connection-status').getAttribute('data-state')).toBe('online');
    await recorder.close();
    await viewer.close();
  });
});

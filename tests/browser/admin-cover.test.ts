import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshot, waitForBoard } from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { TEST_ADMIN_TOKEN } from '../helpers/test-server';

describe('organiser page: a board behind a cover', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('creates a covered board whose projector shows the cover text and start time', async () => {
    const admin = await openPage(env.browser, `${env.url}/admin?token=${TEST_ADMIN_TOKEN}`);
    const { page } = admin;
    await page.getByTestId('create-form').waitFor();
    await page.getByTestId('create-title').fill('パネルディスカッション');
    expect(await page.getByTestId('create-cover-text').count()).toBe(0);
    await page.getByTestId('create-cover').check();
    await page.getByTestId('create-cover-text').fill('休憩中です。15:00 に再開します');
    await page.getByTestId('create-starts-at').fill('15:00');
    await screenshot(page, 'admin-create-cover');
    await page.getByTestId('create-submit').click();
    const row = page.getByTestId('board-card').filter({ hasText: 'パネルディスカッション' });
    await row.waitFor();
    // The form is reset for the next board.
    expect(await page.getByTestId('create-cover').isChecked()).toBe(false);
    const present = await row.getByTestId('link-present').locator('input').inputValue();

    const projector = await openPage(env.browser, present, { width: 1280, height: 720 });
    await waitForBoard(projector.page);
    const cover = projector.page.getByTestId('cover');
    await cover.waitFor();
    expect(await projector.page.getByTestId('cover-text').innerText()).toBe('休憩中です。15:00 に再開します');
    expect(await projector.page.getByTestId('cover-starts-at').innerText()).toBe('開始 15:00');

    const draw = await row.getByTestId('link-draw').locator('input').inputValue();
    const recorder = await openPage(env.browser, draw);
    await waitForBoard(recorder.page);
    await recorder.page.getByTestId('reveal-toggle').click();
    await cover.waitFor({ state: 'detached' });
    for (const opened of [admin, projector, recorder]) {
      expect(opened.errors).toEqual([]);
      await opened.close();
    }
  });
});

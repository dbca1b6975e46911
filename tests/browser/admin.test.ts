import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshot, waitForBoard } from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { TEST_ADMIN_TOKEN } from '../helpers/test-server';

describe('organiser page', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('keeps the token out of the URL, creates a board, lists its links and viewer count', async () => {
    const admin = await openPage(env.browser, `${env.url}/admin?token=${TEST_ADMIN_TOKEN}`);
    const { page } = admin;
    await page.getByTestId('create-form').waitFor();
    expect(page.url()).toBe(`${env.url}/admin`);
    expect(await page.evaluate(() => localStorage.getItem('grareco.adminToken'))).toBe(TEST_ADMIN_TOKEN);

    await page.getByTestId('create-title').fill('地域福祉セミナー');
    await page.getByTestId('create-submit').click();
    const row = page.getByTestId('board-card').filter({ hasText: '地域福祉セミナー' });
    await row.waitFor();
    // Newest first: the board made in the test sits above the one made in setup.
    expect(await page.getByTestId('board-card').first().innerText()).toContain('地域福祉セミナー');
    expect(await page.getByTestId('board').count()).toBe(1);

    const view = await row.getByTestId('link-view').locator('input').inputValue();
    expect(view).toMatch(/^http:\/\/.+\/b\/[A-Za-z0-9_-]+\/view\?key=/);
    expect(await row.getByTestId('link-draw').locator('input').inputValue()).toMatch(/\/draw\?key=/);
    expect(await row.getByTestId('link-present').locator('input').inputValue()).toMatch(/\/present\?key=/);
    expect(await row.getByTestId('viewer-count').getAttribute('data-count')).toBe('0');

    // A viewer opens the link; the organiser's count follows within a refresh.
    const viewer = await openPage(env.browser, view);
    await waitForBoard(viewer.page);
    await row.locator('[data-testid="viewer-count"][data-count="1"]').waitFor({ timeout: 15_000 });

    await row.getByTestId('link-view-copy').click();
    await row.getByTestId('link-view-copy').filter({ hasText: 'コピーしました' }).waitFor();
    await screenshot(page, 'admin');
    expect(admin.errors).toEqual([]);
    await viewer.close();
    await admin.close();
  });

  it('asks for the token when none is stored, and refuses a wrong one', async () => {
    const admin = await openPage(env.browser, `${env.url}/admin`);
    const { page } = admin;
    await page.getByTestId('token-form').waitFor();
    await page.locator('#token').fill('wrong-token');
    await page.locator('#token').press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await page.getByTestId('token-form').isVisible()).toBe(true);
    await page.locator('#token').fill(TEST_ADMIN_TOKEN);
    await page.locator('#token').press('Enter');
    await page.getByTestId('create-form').waitFor();
    await admin.close();
  });
});

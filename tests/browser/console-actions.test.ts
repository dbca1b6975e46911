import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alongStroke,
  drawStroke,
  expectInk,
  openPage,
  readHook,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { cardOf, createInConsole, linkOf, openConsole, POLL, summaryOf } from '../helpers/console-pages';

const STROKE: readonly BoardPoint[] = [
  [800, 900],
  [1800, 1100],
  [2800, 900],
];

describe('organiser console: board actions', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('lock turns the recorder’s tools off, nothing is sent; unlock lets a stroke through', async () => {
    const admin = await openConsole(env.browser, env.url);
    const card = await createInConsole(admin.page, 'ロックの確認');
    const recorder = await openPage(env.browser, await linkOf(card, 'draw'));
    const { page } = recorder;
    await waitForBoard(page);

    const lock = card.getByTestId('board-lock');
    expect(await lock.getAttribute('aria-pressed')).toBe('false');
    await lock.click();
    await card.getByTestId('board-locked').waitFor();
    expect(await lock.getAttribute('aria-pressed')).toBe('true');
    expect(await lock.innerText()).toBe('ロックを解除');
    await page.getByTestId('locked-status').waitFor();
    const objectsBefore = (await readHook(page)).objectCount;
    // Locked, the recorder's tools are off: the stroke attempt only moves the view, nothing is sent.
    expect(await page.getByTestId('tool-pen').isDisabled()).toBe(true);
    await drawStroke(page, STROKE);
    await page.waitForTimeout(300);
    expect(await page.getByTestId('rejection').count()).toBe(0);
    expect((await readHook(page)).saveState).toBe('saved');
    expect((await readHook(page)).objectCount).toBe(objectsBefore);
    await page.getByTestId('fit').click();
    await expectInk(page, alongStroke(STROKE), false);

    await lock.click();
    await card.getByTestId('board-locked').waitFor({ state: 'detached' });
    await page.getByTestId('locked-status').waitFor({ state: 'detached' });
    const before = (await readHook(page)).seq;
    await drawStroke(page, STROKE);
    await page.waitForFunction(
      (seq) => window.__grareco?.seq === seq + 1 && window.__grareco.saveState === 'saved',
      before,
    );
    await expectInk(page, alongStroke(STROKE));
    expect(admin.errors).toEqual([]);
    await recorder.close();
    await admin.close();
  }, 120_000);

  it('rotating the view key asks first; the old view link then shows the error page', async () => {
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    const card = await createInConsole(page, 'キーの再発行');
    const oldView = await linkOf(card, 'view');
    const oldDraw = await linkOf(card, 'draw');

    // Escape closes the question and nothing changes.
    await card.getByTestId('rotate-view').click();
    const dialog = page.getByTestId('confirm-dialog').filter({ visible: true });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('閲覧リンクを再発行しますか');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await linkOf(card, 'view')).toBe(oldView);

    await card.getByTestId('rotate-view').click();
    await page.getByTestId('confirm-rotate').filter({ visible: true }).click();
    await expect.poll(() => linkOf(card, 'view'), POLL).not.toBe(oldView);
    expect(await linkOf(card, 'draw')).toBe(oldDraw);

    const stale = await openPage(env.browser, oldView);
    await stale.page.getByTestId('error-page').waitFor();
    expect(await stale.page.getByTestId('error-page').getAttribute('data-reason')).toBe('bad_key');
    const fresh = await openPage(env.browser, await linkOf(card, 'view'));
    await waitForBoard(fresh.page);

    // The recorder link too.
    await card.getByTestId('rotate-edit').click();
    await page.getByTestId('confirm-rotate').filter({ visible: true }).click();
    await expect.poll(() => linkOf(card, 'draw'), POLL).not.toBe(oldDraw);
    const staleDraw = await openPage(env.browser, oldDraw);
    await staleDraw.page.getByTestId('error-page').waitFor();
    expect(admin.errors).toEqual([]);
    for (const opened of [stale, fresh, staleDraw, admin]) await opened.close();
  }, 120_000);

  it('duplicates a board as a template: a new card with the same size and programme', async () => {
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    await page.getByTestId('create-title').fill('テンプレート元');
    await page.getByTestId('create-size').selectOption('panorama');
    await page.getByTestId('create-agenda-add').click();
    await page.getByTestId('agenda-start').fill('１０：００'); // full-width, as a Japanese IME types it
    await page.getByTestId('agenda-title').fill('基調講演');
    await page.getByTestId('create-submit').click();
    const source = cardOf(page, 'テンプレート元');
    await source.waitFor();

    await source.getByTestId('board-duplicate').click();
    const copy = cardOf(page, 'テンプレート元(複製)');
    await copy.waitFor();
    expect(await page.getByTestId('board-card').first().getAttribute('data-board-id')).toBe(
      await copy.getAttribute('data-board-id'),
    );
    const summary = await summaryOf(env.url, (await copy.getAttribute('data-board-id')) ?? '');
    expect([summary?.width, summary?.height]).toEqual([4320, 2160]);
    expect(summary?.meta.agenda).toEqual([{ start: '10:00', title: '基調講演' }]);
    expect(await linkOf(copy, 'view')).not.toBe(await linkOf(source, 'view'));
    expect(admin.errors).toEqual([]);
    await admin.close();
  }, 120_000);

  it('deletes only after the confirmation; the dialog keeps focus and Escape closes it', async () => {
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    const card = await createInConsole(page, '削除するボード');
    const id = (await card.getAttribute('data-board-id')) ?? '';
    const view = await linkOf(card, 'view');

    await card.getByTestId('board-delete').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('confirm-dialog').filter({ visible: true });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('「削除するボード」を削除しますか');
    await screenshot(page, 'console-delete-dialog');
    // Focus starts on cancel and Tab / Shift+Tab stay inside the dialog.
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(await focused()).toBe('confirm-cancel');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('confirm-delete');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('confirm-cancel');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('confirm-delete');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focused()).toBe('board-delete');
    expect(await card.count()).toBe(1);

    await card.getByTestId('board-delete').click();
    await page.getByTestId('confirm-delete').filter({ visible: true }).click();
    await card.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('boards-heading');
    expect(await page.getByTestId('console-status').innerText()).toContain('削除するボード');
    expect(await summaryOf(env.url, id)).toBeUndefined();

    const viewer = await openPage(env.browser, view);
    await viewer.page.getByTestId('error-page').waitFor();
    expect(await viewer.page.getByTestId('error-page').getAttribute('data-reason')).toBe('unknown_board');
    expect(admin.errors).toEqual([]);
    await viewer.close();
    await admin.close();
  }, 120_000);
});

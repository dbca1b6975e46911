import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardMeta } from '../../shared/board';
import { openPage, screenshot, waitForBoard } from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import {
  adminJson,
  cardOf,
  decodeQrImage,
  linkOf,
  openConsole,
  summaryOf,
  POLL,
} from '../helpers/console-pages';

const TITLE = '第21回地域福祉セミナー';

describe('organiser console: creating and finding boards', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('creates a board with date, size, palette and the seminar agenda; the card shows it', async () => {
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    await page.getByTestId('create-title').fill(TITLE);
    await page.getByTestId('create-date').fill('2023-11-16');
    await page.getByTestId('create-size').selectOption('print');

    // Palette: change the first colour, add a sixth, remove the second.
    await page.getByTestId('palette-color').first().fill('#862e9c');
    await page.getByTestId('palette-add').click();
    await page.getByTestId('palette-color').last().fill('#e8590c');
    await page.getByTestId('palette-remove').nth(1).click();
    expect(await page.getByTestId('palette-color').count()).toBe(5);

    // Agenda: the seminar example, then one more row typed by hand.
    await page.getByTestId('create-agenda-seminar').click();
    expect(await page.getByTestId('agenda-row').count()).toBe(6);
    await page.getByTestId('create-agenda-add').click();
    const extra = page.getByTestId('agenda-row').last();
    await extra.getByTestId('agenda-start').fill('16:00');
    await extra.getByTestId('agenda-title').fill('交流会');
    await screenshot(page, 'console-create-form');

    await page.getByTestId('create-submit').click();
    const card = cardOf(page, TITLE);
    await card.waitFor();
    // The form is ready for the next board.
    expect(await page.getByTestId('create-title').inputValue()).toBe('');
    expect(await page.getByTestId('agenda-row').count()).toBe(0);
    expect(await page.getByTestId('console-status').innerText()).toContain(TITLE);
    // Newest first.
    expect(await page.getByTestId('board-card').first().getAttribute('data-board-id')).toBe(
      await card.getAttribute('data-board-id'),
    );

    const id = (await card.getAttribute('data-board-id')) ?? '';
    const summary = await summaryOf(env.url, id);
    const meta = summary?.meta as BoardMeta;
    expect([meta.width, meta.height]).toEqual([4961, 3508]);
    expect(meta.date).toBe('2023-11-16');
    expect(meta.palette).toEqual(['#862e9c', '#d9480f', '#1c7ed6', '#2f9e44', '#e8590c']);
    expect(meta.agenda.map((a) => a.start)).toEqual([
      '13:15',
      '13:25',
      '13:35',
      '14:25',
      '14:35',
      '15:45',
      '16:00',
    ]);
    expect(meta.agenda[4]?.title).toBe('パネルディスカッション「つながりを絶やさない支援のかたち」');
    expect(meta.agenda[6]?.title).toBe('交流会');
    const doc = await adminJson<{ objects: { type: string; text?: string }[] }>(env.url, `/api/boards/${id}`);
    expect(doc.objects.some((o) => o.text === '閉会')).toBe(true);

    // The card: date in Japanese, size, live status, three links each with a QR code of itself.
    expect(await card.innerText()).toContain('開催日 2023年11月16日');
    expect(await card.innerText()).toContain('4961×3508');
    expect(await card.getByTestId('recorder-connected').getAttribute('data-state')).toBe('offline');
    expect(await card.getByTestId('viewer-count').getAttribute('data-count')).toBe('0');
    expect(await card.getByTestId('op-count').getAttribute('data-count')).toBe(String(summary?.seq));
    expect(await card.getByTestId('last-activity').innerText()).toMatch(
      /^最終更新 \d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}$/,
    );
    // The recorder link's QR code (a secret) shows only when asked for.
    await card.getByTestId('link-draw-qr-toggle').click();
    await card.getByTestId('link-qr').nth(2).waitFor();
    for (const [i, which] of (['draw', 'view', 'present'] as const).entries()) {
      expect(await decodeQrImage(card.getByTestId('link-qr').nth(i))).toBe(await linkOf(card, which));
    }
    await card.getByTestId('board-thumbnail').locator('img').waitFor();

    // A recorder and a viewer join: the card says so within a poll.
    const recorder = await openPage(env.browser, await linkOf(card, 'draw'));
    const viewer = await openPage(env.browser, await linkOf(card, 'view'));
    await waitForBoard(recorder.page);
    await waitForBoard(viewer.page);
    await card
      .locator('[data-testid="recorder-connected"][data-state="online"]')
      .waitFor({ timeout: 15_000 });
    await card.locator('[data-testid="viewer-count"][data-count="1"]').waitFor({ timeout: 15_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'console-card');
    await recorder.close();
    await viewer.close();
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it('copies a link to the clipboard', async () => {
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url });
    const card = cardOf(page, env.board.title);
    await card.getByTestId('link-view-copy').click();
    await card.getByTestId('link-view-copy').filter({ hasText: 'コピーしました' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(env.board.links.view);
    await card.getByTestId('link-draw-copy').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(env.board.links.draw);
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it('filters the list by title, and says so when nothing matches', async () => {
    await env.newBoard('春の市民講座');
    await env.newBoard('秋の市民講座 Autumn');
    await env.newBoard('理事会');
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    const total = await page.getByTestId('board-card').count();
    expect(total).toBeGreaterThanOrEqual(4);

    await page.getByTestId('board-search').fill('市民講座');
    await expect.poll(() => page.getByTestId('board-card').count(), POLL).toBe(2);
    // Width and case do not matter: full-width ＡＵＴＵＭＮ finds "Autumn".
    await page.getByTestId('board-search').fill('ＡＵＴＵＭＮ');
    await expect.poll(() => page.getByTestId('board-card').count(), POLL).toBe(1);
    expect(await page.getByTestId('board-card').innerText()).toContain('秋の市民講座');
    await page.getByTestId('board-search').fill('存在しないボード');
    await page.getByTestId('search-empty').waitFor();
    expect(await page.getByTestId('board-card').count()).toBe(0);
    await page.getByTestId('board-search').fill('');
    await expect.poll(() => page.getByTestId('board-card').count(), POLL).toBe(total);
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it('works in English, with dates in the English reader’s locale', async () => {
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    await page.getByTestId('language').selectOption('en');
    await page.getByTestId('create-submit').filter({ hasText: 'Create' }).waitFor();
    const card = cardOf(page, TITLE);
    expect(await card.innerText()).toContain('Event date');
    expect(await card.innerText()).toContain('2023');
    expect(await card.innerText()).not.toMatch(/記録者|閲覧|最終更新/);
    await screenshot(page, 'console-english');
    await page.getByTestId('language').selectOption('ja');
    expect(admin.errors).toEqual([]);
    await admin.close();
  });
});

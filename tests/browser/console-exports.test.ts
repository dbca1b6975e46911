import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ja } from '../../client/i18n/ja';
import { exportFileName, type ExportFile } from '../../shared/file-names';
import { drawStroke, openPage, screenshot, waitForBoard, type BoardPoint } from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import {
  cardById,
  cardOf,
  createInConsole,
  downloadVia,
  linkOf,
  openConsole,
  PNG_SIGNATURE,
  pngSize,
  summaryOf,
  POLL,
} from '../helpers/console-pages';

const STROKE: readonly BoardPoint[] = [
  [900, 1200],
  [1900, 1500],
  [2900, 1200],
];

describe('organiser console: exports, archives and the text alternative', () => {
  let env: BrowserBoard;
  let title: string;
  let boardId: string;
  let date: string;
  const named = (what: ExportFile) => exportFileName({ title, date }, what);

  beforeAll(async () => {
    env = await startBrowserBoard();
    // One board with a stroke on it, drawn by a real recorder page.
    title = '書き出しの確認';
    const admin = await openConsole(env.browser, env.url);
    const card = await createInConsole(admin.page, title);
    boardId = (await card.getAttribute('data-board-id')) ?? '';
    const recorder = await openPage(env.browser, await linkOf(card, 'draw'));
    await waitForBoard(recorder.page);
    await drawStroke(recorder.page, STROKE);
    await recorder.page.waitForFunction(
      () => window.__grareco?.saveState === 'saved' && window.__grareco.seq > 0,
    );
    await recorder.close();
    await admin.close();
    // The console gives a new board today's date: the names carry it.
    date = (await summaryOf(env.url, boardId))?.meta.date ?? '';
  });
  afterAll(async () => {
    await env?.close();
  });

  it('downloads the PDF with the chosen page and header', async () => {
    const admin = await openConsole(env.browser, env.url);
    const card = cardById(admin.page, boardId);
    await card.getByTestId('export-pdf-page').selectOption('a3');
    await card.getByTestId('export-pdf-header').uncheck();
    const pdf = await downloadVia(admin.page, card.getByTestId('export-pdf'));
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.bytes.length).toBeGreaterThan(2_000);
    expect(pdf.name).toBe(named('pdfA3'));
    // A3 landscape: 1190.55 × 841.89 pt.
    expect(pdf.bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 1190\.55\d* 841\.89\d*\]/);
    expect(await admin.page.getByTestId('console-status').innerText()).toContain(named('pdfA3'));
    expect(admin.errors).toEqual([]);
    await admin.close();
  }, 120_000);

  it('downloads the PNG (web and print sizes) and the SVG', async () => {
    const admin = await openConsole(env.browser, env.url);
    const card = cardById(admin.page, boardId);
    const web = await downloadVia(admin.page, card.getByTestId('export-png'));
    expect(web.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(web.bytes).width).toBe(1920);
    expect(web.name).toBe(named('pngWeb'));
    await card.getByTestId('export-png-size').selectOption('print');
    const print = await downloadVia(admin.page, card.getByTestId('export-png'));
    expect(pngSize(print.bytes).width).toBe(4961);
    expect(print.name).toBe(named('pngPrint'));

    const svg = await downloadVia(admin.page, card.getByTestId('export-svg'));
    const text = svg.bytes.toString('utf8');
    expect(text).toContain('<svg');
    expect(text).toContain('</svg>');
    expect(svg.name).toBe(named('svg'));
    expect(admin.errors).toEqual([]);
    await admin.close();
  }, 180_000);

  it('downloads the archive and imports it back as a new board; refused archives say why', async () => {
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    const card = cardById(page, boardId);
    const source = await summaryOf(env.url, boardId);
    const archive = await downloadVia(page, card.getByTestId('export-archive'));
    expect(archive.name).toBe(named('archive'));
    const parsed = JSON.parse(archive.bytes.toString('utf8')) as { format: string; schemaVersion: number };
    expect(parsed.format).toBe('grareco-archive');

    const input = page.getByTestId('import-archive');
    await input.setInputFiles({ name: archive.name, mimeType: 'application/json', buffer: archive.bytes });
    await expect.poll(() => cardOf(page, title).count(), POLL).toBe(2);
    expect(await page.getByTestId('console-status').innerText()).toContain(title);
    const imported = cardOf(page, title).first();
    const importedId = (await imported.getAttribute('data-board-id')) ?? '';
    expect(importedId).not.toBe(source?.id);
    expect((await summaryOf(env.url, importedId))?.seq).toBe(source?.seq);

    // A damaged file and an archive from a newer grareco: nothing made, a clear message.
    await input.setInputFiles({
      name: 'broken.grareco',
      mimeType: 'application/json',
      buffer: Buffer.from('{"x":1}'),
    });
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').innerText()).toBe(ja.importInvalid);
    const newer = Buffer.from(JSON.stringify({ ...parsed, schemaVersion: 999 }));
    await input.setInputFiles({ name: 'newer.grareco', mimeType: 'application/json', buffer: newer });
    await page.getByTestId('import-error').filter({ hasText: ja.importTooNew }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'console-import-refused');
    expect(await cardOf(page, title).count()).toBe(2);
    // The console reports the two refused uploads (422) as failed requests; nothing else failed.
    expect(admin.errors.filter((e) => !/422|Unprocessable/.test(e))).toEqual([]);
    await admin.close();
  }, 180_000);

  it('saves the text alternative and consents; the viewer’s board-text region reads it', async () => {
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    const card = cardById(page, boardId);
    const alt = 'パネルの要点: 相談支援・参加支援・地域づくりの三つをつなぐ図。';
    await card.getByTestId('alt-text').fill(alt);
    await card.getByTestId('consent-publish').check();
    await card.getByTestId('save-settings').click();
    await page.getByTestId('console-status').filter({ hasText: '保存しました' }).waitFor();
    // The form takes the saved values back on the card's next render, a moment after the status.
    await expect.poll(() => card.getByTestId('save-settings').isDisabled(), { timeout: 5_000 }).toBe(true);
    const meta = (await summaryOf(env.url, boardId))?.meta;
    expect([meta?.altText, meta?.consentPublish, meta?.consentNames]).toEqual([alt, true, false]);
    // The 5-second refresh keeps what was saved.
    await page.waitForTimeout(5_500);
    expect(await card.getByTestId('alt-text').inputValue()).toBe(alt);
    expect(await card.getByTestId('consent-publish').isChecked()).toBe(true);

    const viewer = await openPage(env.browser, await linkOf(card, 'view'));
    await waitForBoard(viewer.page);
    const region = viewer.page.getByRole('region', { name: 'ボードの文字' });
    expect(await region.getAttribute('data-testid')).toBe('board-text');
    expect(await region.textContent()).toContain(alt);
    // Visually hidden: one pixel, not on top of the board.
    const box = await region.boundingBox();
    expect((box?.width ?? 0) <= 1 && (box?.height ?? 0) <= 1).toBe(true);

    // A change while the viewer is open reaches it without a reload.
    const changed = `${alt} 更新しました。`;
    await card.getByTestId('alt-text').fill(changed);
    await card.getByTestId('save-settings').click();
    await expect.poll(() => region.textContent(), POLL).toContain('更新しました');
    expect(viewer.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
    await viewer.close();
    await admin.close();
  }, 120_000);
});

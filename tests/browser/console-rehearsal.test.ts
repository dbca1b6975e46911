import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alongStroke,
  drawStroke,
  expectInk,
  openPage,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { cardOf, downloadVia, linkOf, openConsole } from '../helpers/console-pages';

const TITLE = '第21回地域福祉セミナー';
/** Below the programme boxes, in the middle of the board. */
const STROKE: readonly BoardPoint[] = [
  [900, 1500],
  [1700, 1750],
  [2500, 1500],
  [3100, 1750],
];

describe('organiser console: a full rehearsal of the event day', () => {
  let env: BrowserBoard;
  let dir: string;

  beforeAll(async () => {
    env = await startBrowserBoard();
    dir = mkdtempSync(join(tmpdir(), 'grareco-rehearsal-'));
  });
  afterAll(async () => {
    await env?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('create with the seminar agenda, draw, watch, lock, export the PDF with the headings', async () => {
    // Before: the organiser prepares the board in the console.
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    await page.getByTestId('create-title').fill(TITLE);
    await page.getByTestId('create-date').fill('2023-11-16');
    await page.getByTestId('create-agenda-seminar').click();
    await page.getByTestId('create-submit').click();
    const card = cardOf(page, TITLE);
    await card.waitFor();

    // During: the recorder draws on the tablet, the hall and Zoom watch.
    const recorder = await openPage(env.browser, await linkOf(card, 'draw'));
    const viewer = await openPage(env.browser, await linkOf(card, 'view'));
    await waitForBoard(recorder.page);
    await waitForBoard(viewer.page);
    await drawStroke(recorder.page, STROKE);
    await recorder.page.waitForFunction(() => window.__grareco?.saveState === 'saved');
    await expectInk(viewer.page, alongStroke(STROKE));
    await card
      .locator('[data-testid="recorder-connected"][data-state="online"]')
      .waitFor({ timeout: 15_000 });
    await card.locator('[data-testid="viewer-count"][data-count="1"]').waitFor({ timeout: 15_000 });
    await screenshot(viewer.page, 'rehearsal-viewer');
    // Screen readers get the board's words: the title and the programme's headings.
    const words = await viewer.page.getByRole('region', { name: 'ボードの文字' }).textContent();
    for (const heading of [
      TITLE,
      '開会',
      'パネルディスカッション「つながりを絶やさない支援のかたち」',
      '閉会',
    ]) {
      expect(words).toContain(heading);
    }

    // After: lock, then export the PDF through the console.
    await card.getByTestId('board-lock').click();
    await card.getByTestId('board-locked').waitFor();
    await recorder.page.getByTestId('locked-status').waitFor();
    // The thumbnail catches up with the drawing (it is refreshed at most every 30 s).
    await card.locator('[data-testid="board-thumbnail"] img').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'rehearsal-console-locked');

    const pdf = await downloadVia(page, card.getByTestId('export-pdf'));
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.name).toBe(`${TITLE}_2023-11-16_board.pdf`);
    const file = join(dir, 'board.pdf');
    writeFileSync(file, pdf.bytes);
    const text = execFileSync('pdftotext', [file, '-']).toString();
    for (const heading of ['開会', '閉会', 'パネルディスカッション', '基調講演', TITLE]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('2023年11月16日');

    for (const opened of [recorder, viewer]) {
      expect(opened.errors).toEqual([]);
      await opened.close();
    }
    expect(admin.errors).toEqual([]);
    await admin.close();
  }, 180_000);
});

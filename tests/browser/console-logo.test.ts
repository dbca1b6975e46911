import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ja } from '../../client/i18n/ja';
import type { BoardObject } from '../../shared/objects/board-object';
import type { ImageRecord } from '../../shared/objects/image';
import { openPage, screenshot, waitForBoard } from '../helpers/browser-pages';
import { useBrowserBoard, useTempDir } from '../helpers/browser-setup';
import { ADMIN } from '../helpers/export-jobs';
import { cardOf, linkOf, openConsole, POLL } from '../helpers/console-pages';
import { makePng } from '../helpers/images';
import { getBoardDoc, keyOf } from '../helpers/socket-clients';

const LOGO_RGB: [number, number, number] = [20, 90, 200];
const TITLE = 'ロゴ付きのセミナー';

/** The board canvas's colour at a board point, through the page's own viewport. */
async function boardPixel(page: Page, x: number, y: number): Promise<number[]> {
  return page.evaluate(
    ({ x, y }) => {
      const h = window.__grareco;
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board"] canvas');
      const ctx = canvas?.getContext('2d');
      if (!h?.viewport || !canvas || !ctx) throw new Error('no canvas');
      const scale = canvas.width / canvas.clientWidth;
      const [z = 1, , , , tx = 0, ty = 0] = h.viewport;
      const d = ctx.getImageData(
        Math.round((x * z + tx) * scale),
        Math.round((y * z + ty) * scale),
        1,
        1,
      ).data;
      return [d[0] ?? 0, d[1] ?? 0, d[2] ?? 0];
    },
    { x, y },
  );
}

function near(got: readonly number[], want: readonly number[], within = 12): boolean {
  return got.every((v, i) => Math.abs(v - (want[i] ?? 0)) <= within);
}

describe('organiser console: a logo at board creation', () => {
  const browserBoard = useBrowserBoard();
  const scratch = useTempDir('grareco-logo-browser-');

  it('puts the chosen logo on the template layer: recorder and viewer show it, the PDF contains it', async () => {
    const env = browserBoard();
    const dir = scratch();
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    await page.getByTestId('create-title').fill(TITLE);
    await page.getByTestId('create-agenda-seminar').click();
    await page
      .getByTestId('create-logo')
      .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: makePng(400, 200, LOGO_RGB) });
    const preview = page.getByTestId('create-logo-preview');
    await preview.waitFor();
    expect(await preview.getAttribute('alt')).toBe('選んだロゴ: logo.png');
    expect(await page.getByLabel('ロゴ', { exact: false }).first().getAttribute('type')).toBe('file');
    await page.getByTestId('create-logo').scrollIntoViewIfNeeded();
    await screenshot(page, 'console-create-logo');
    await page.getByTestId('create-submit').click();
    const card = cardOf(page, TITLE);
    await card.waitFor();
    // The form forgets the logo for the next board.
    expect(await preview.count()).toBe(0);

    const view = await linkOf(card, 'view');
    const id = (await card.getAttribute('data-board-id')) ?? '';
    const doc = await getBoardDoc(env.url, id, keyOf(view));
    expect(doc.body.seq).toBe(1);
    const logo = (doc.body.objects as BoardObject[]).find((o): o is ImageRecord => o.type === 'image');
    if (!logo) throw new Error('no logo on the board');
    expect(logo.layer).toBe('template');
    const centre = { x: logo.transform[4] + logo.w / 2, y: logo.transform[5] + logo.h / 2 };
    // Top-right: right of the board's middle, in its top tenth.
    expect(centre.x).toBeGreaterThan(3840 * 0.75);
    expect(centre.y).toBeLessThan(216);

    for (const which of ['view', 'draw'] as const) {
      const opened = await openPage(env.browser, await linkOf(card, which));
      await waitForBoard(opened.page);
      await expect
        .poll(() => boardPixel(opened.page, centre.x, centre.y), POLL)
        .toSatisfy((rgb: number[]) => near(rgb, LOGO_RGB));
      // Left of the logo, in the title line's free end, the sheet is white.
      expect(near(await boardPixel(opened.page, logo.transform[4] - 12, centre.y), [255, 255, 255])).toBe(
        true,
      );
      if (which === 'view') await screenshot(opened.page, 'console-logo-viewer');
      expect(opened.errors).toEqual([]);
      await opened.close();
    }

    const res = await fetch(`${env.url}/api/boards/${id}/export.pdf?page=board&header=0`, { headers: ADMIN });
    const pdf = join(dir, 'logo.pdf');
    writeFileSync(pdf, Buffer.from(await res.arrayBuffer()));
    const list = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(list.map((row) => row.trim().split(/\s+/).slice(3, 5))).toEqual([['400', '200']]);
    // …and poppler draws it where the board has it.
    execFileSync('pdftoppm', [
      '-png',
      '-singlefile',
      '-scale-to-x',
      '1920',
      '-scale-to-y',
      '1080',
      pdf,
      join(dir, 'p'),
    ]);
    const rendered = readFileSync(join(dir, 'p.png'));
    const pdfColour = await page.evaluate(
      async ({ src, x, y }) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const ctx = c.getContext('2d');
        if (!ctx) throw new Error('no 2d context');
        ctx.drawImage(img, 0, 0);
        return [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)];
      },
      {
        src: `data:image/png;base64,${rendered.toString('base64')}`,
        x: Math.round(centre.x / 2),
        y: Math.round(centre.y / 2),
      },
    );
    expect(near(pdfColour, LOGO_RGB)).toBe(true);
    expect(admin.errors).toEqual([]);
    await admin.close();
  }, 180_000);

  it('refuses a file that is not an image, says why, and makes no board', async () => {
    const env = browserBoard();
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    const before = await page.getByTestId('board-card').count();
    await page.getByTestId('create-title').fill('偽のロゴ');
    await page.getByTestId('create-logo').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('これは画像ではありません'),
    });
    await page.getByTestId('create-submit').click();
    const error = page.getByTestId('create-error');
    await error.waitFor();
    expect(await error.innerText()).toBe(ja.createLogoUnsupported);
    expect(await error.getAttribute('role')).toBe('alert');
    // The organiser can take the logo away and create the board without it.
    await page.getByTestId('create-logo-remove').click();
    expect(await page.getByTestId('board-card').count()).toBe(before);
    await page.getByTestId('create-submit').click();
    await cardOf(page, '偽のロゴ').waitFor();
    expect(await page.getByTestId('board-card').count()).toBe(before + 1);
    // The refused request (415) is the only failed one.
    expect(admin.errors.filter((e) => !/415|Unsupported Media/.test(e))).toEqual([]);
    await admin.close();
  }, 120_000);
});

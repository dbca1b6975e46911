import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rotation, multiply, translation } from '../../shared/geometry/matrix';
import { textBlockHeight } from '../../shared/geometry/text-layout';
import type { BoardObject } from '../../shared/objects/board-object';
import type { TextRecord } from '../../shared/objects/text';
import { textLines } from '../../shared/render/scene';
import { openPage, readHook, waitForBoard } from '../helpers/browser-pages';
import { useBrowserBoard, useTempDir } from '../helpers/browser-setup';
import { addOp, makeShape, makeStamp, makeStroke } from '../helpers/fixtures';
import { makePng } from '../helpers/images';
import { inkMismatches, pngInkGrid, type InkGrid } from '../helpers/ink-map';
import { connectClient, keyOf } from '../helpers/socket-clients';
import { resultPath } from '../helpers/test-results';
import { TEST_ADMIN_TOKEN } from '../helpers/test-server';

const BOARD = { width: 3840, height: 2160 };
const COLS = 48;
const ROWS = 27;

function text(id: string, body: string, x: number, y: number, fontSize: number): TextRecord {
  const base = { text: body, w: 1400, fontSize, bold: true };
  const h = textBlockHeight(textLines(base), fontSize);
  return { id, type: 'text', ...base, color: '#1f2328', h, transform: translation(x, y) };
}

/** The grid seen in a mirror: column c takes column (cols − 1 − c). */
function mirrored(g: InkGrid): InkGrid {
  const share = g.share.map((_, i) => {
    const r = Math.floor(i / g.cols);
    const c = i % g.cols;
    return g.share[r * g.cols + (g.cols - 1 - c)] ?? 0;
  });
  return { ...g, share };
}

/** Cells where both grids agree on ink or no ink (a cell is inked above 2 % of its pixels). */
function agreement(a: InkGrid, b: InkGrid): number {
  const inked = (s: number) => s > 0.02;
  const same = a.share.filter((s, i) => inked(s) === inked(b.share[i] ?? 0)).length;
  return same / a.share.length;
}

describe('the PDF renders like the board on screen', () => {
  const browserBoard = useBrowserBoard();
  const scratch = useTempDir('grareco-pdf-render-');

  it('puts ink in the same places as a screenshot of the projector page (and a mirror would not)', async () => {
    const env = browserBoard();
    const dir = scratch();
    const { board } = env;
    const drawKey = keyOf(board.links.draw);
    const upload = await fetch(
      `${env.url}/api/boards/${board.id}/assets?key=${encodeURIComponent(drawKey)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        body: new Uint8Array(makePng(64, 48, [220, 60, 20])),
      },
    );
    const asset = (await upload.json()) as { id: string };
    // Every kind, each in its own part of the board and none mirrored onto another.
    const records: BoardObject[] = [
      text('title', 'グラフィックレコーディング', 150, 120, 110),
      { ...makeStroke(300, 700, 40), id: 'stroke-a', size: 24 },
      { ...makeStroke(2900, 1500, 50), id: 'stroke-b', size: 30 },
      makeShape('rect', 'rect', 2300, 300),
      makeShape('arrow', 'arrow', 800, 1500),
      {
        ...makeStamp('stamp', 'light-bulb', 0, 0),
        transform: multiply(translation(3300, 600), rotation(20, 150, 150)),
      },
      { id: 'image', type: 'image', assetId: asset.id, w: 700, h: 450, transform: translation(1500, 1000) },
    ];
    const writer = await connectClient(env.url, board.id, drawKey);
    expect((await writer.send(addOp(...records))).ok).toBe(true);
    writer.close();

    // The projector page has nothing over the board: a screenshot of its board area is the board.
    const projector = await openPage(env.browser, board.links.present, { width: 1920, height: 1080 });
    const { page } = projector;
    await waitForBoard(page);
    await page.waitForFunction((n) => window.__grareco?.objectCount === n, records.length);
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(600);
    const { viewport } = await readHook(page);
    const [z = 1, , , , tx = 0, ty = 0] = viewport;
    const canvasBox = await page.locator('[data-testid="board"] canvas').first().boundingBox();
    if (!canvasBox) throw new Error('no canvas');
    // The sheet's edge line is page chrome, not board: both pictures leave out 3 px all round.
    const inset = 3;
    const width = Math.round(BOARD.width * z);
    const height = Math.round(BOARD.height * z);
    const screen = await page.screenshot({
      clip: {
        x: canvasBox.x + tx + inset,
        y: canvasBox.y + ty + inset,
        width: width - 2 * inset,
        height: height - 2 * inset,
      },
    });
    writeFileSync(resultPath('pdf-render-screen.png'), screen);

    // The board's own ratio without title or footer: the page is exactly the board.
    const res = await fetch(`${env.url}/api/boards/${board.id}/export.pdf?page=board&header=0`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const pdfPath = join(dir, 'board.pdf');
    writeFileSync(pdfPath, Buffer.from(await res.arrayBuffer()));
    // Rendered by poppler at the screenshot's scale, cropped the same way.
    execFileSync('pdftoppm', [
      '-png',
      '-singlefile',
      ...['-scale-to-x', String(width), '-scale-to-y', String(height)],
      ...[
        '-x',
        String(inset),
        '-y',
        String(inset),
        '-W',
        String(width - 2 * inset),
        '-H',
        String(height - 2 * inset),
      ],
      pdfPath,
      join(dir, 'page'),
    ]);
    const rendered = readFileSync(join(dir, 'page.png'));
    writeFileSync(resultPath('pdf-render-poppler.png'), rendered);

    const shown = await pngInkGrid(page, screen, COLS, ROWS);
    const printed = await pngInkGrid(page, rendered, COLS, ROWS);
    const inkedCells = shown.share.filter((s) => s > 0.02).length;
    expect(inkedCells).toBeGreaterThan(60);
    const agree = agreement(shown, printed);
    const mismatches = inkMismatches(shown, printed, 0.02);
    console.log(
      `PDF vs screen: ${(agree * 100).toFixed(1)} % of ${COLS * ROWS} cells agree, ${mismatches.length} clear mismatches, ${inkedCells} inked`,
    );
    expect(agree).toBeGreaterThan(0.97);
    expect(mismatches.length).toBeLessThanOrEqual(3);

    // The comparison can fail: the same PDF seen in a mirror disagrees in many cells.
    const mirror = mirrored(printed);
    console.log(
      `mirrored PDF vs screen: ${(agreement(shown, mirror) * 100).toFixed(1)} % agree, ${inkMismatches(shown, mirror, 0.02).length} clear mismatches`,
    );
    expect(agreement(shown, mirror)).toBeLessThan(0.93);
    expect(inkMismatches(shown, mirror, 0.02).length).toBeGreaterThan(30);

    // The image is in the PDF with its own pixels, in the middle of its box.
    const colour = await page.evaluate(
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
        return [
          ...ctx.getImageData(Math.round(x * c.width), Math.round(y * c.height), 1, 1).data.slice(0, 3),
        ];
      },
      {
        src: `data:image/png;base64,${rendered.toString('base64')}`,
        x: 1850 / BOARD.width,
        y: 1225 / BOARD.height,
      },
    );
    for (const [got, want] of colour.map((v, i) => [v, [220, 60, 20][i] ?? 0] as const))
      expect(Math.abs(got - want)).toBeLessThan(12);
    expect(projector.errors).toEqual([]);
    await projector.close();
  }, 120_000);
});

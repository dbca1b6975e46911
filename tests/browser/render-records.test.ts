import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotation, multiply, translation } from '../../shared/geometry/matrix';
import { textBlockHeight } from '../../shared/geometry/text-layout';
import type { BoardObject } from '../../shared/objects/board-object';
import type { ImageRecord } from '../../shared/objects/image';
import type { TextRecord } from '../../shared/objects/text';
import { textLines } from '../../shared/render/scene';
import { openPage, readHook, resultPath, screenshot, waitForBoard } from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { addOp, makeShape, makeStamp, makeStroke } from '../helpers/fixtures';
import { makePng } from '../helpers/images';
import {
  canvasInkBounds,
  canvasInkGrid,
  inkMismatches,
  inkShareIn,
  pngInkBounds,
  pngInkGrid,
  type BoardBox,
} from '../helpers/ink-map';
import { connectClient, keyOf } from '../helpers/socket-clients';
import { TEST_ADMIN_TOKEN } from '../helpers/test-server';
import { boardBounds } from '../../client/board/render/record-geometry';

const BOARD = { width: 3840, height: 2160 };

function text(id: string, body: string, x: number, y: number, fontSize: number, bold: boolean): TextRecord {
  const base = { text: body, w: 1500, fontSize, bold };
  const h = textBlockHeight(textLines(base), fontSize);
  return { id, type: 'text', ...base, color: '#1f2328', h, transform: translation(x, y) };
}

describe('every record kind on the board', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('draws text, shapes, stamps, images and strokes where the PNG export draws them', async () => {
    const { board } = env;
    const drawKey = keyOf(board.links.draw);
    const res = await fetch(`${env.url}/api/boards/${board.id}/assets?key=${encodeURIComponent(drawKey)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(makePng(64, 48, [220, 60, 20])),
    });
    expect(res.status).toBe(201);
    const asset = (await res.json()) as { id: string };

    const image: ImageRecord = {
      id: 'image-1',
      type: 'image',
      assetId: asset.id,
      w: 600,
      h: 400,
      transform: translation(1500, 1300),
    };
    const records: BoardObject[] = [
      text('text-title', 'グラフィックレコーディング\n地域福祉セミナー', 150, 120, 120, true),
      text('text-body', '本文のテキスト Hello 世界、ことばが折り返されます。', 2000, 160, 44, false),
      makeShape('shape-rect', 'rect', 200, 800),
      makeShape('shape-ellipse', 'ellipse', 700, 800),
      makeShape('shape-arrow', 'arrow', 1200, 800),
      makeShape('shape-curved', 'curvedArrow', 1700, 800),
      makeShape('shape-bubble', 'bubble', 2200, 800),
      makeShape('shape-banner', 'banner', 2700, 800),
      { ...makeShape('shape-round', 'roundRect', 3200, 800), fill: '#ffe8cc' },
      makeStamp('stamp-bulb', 'light-bulb', 200, 1300),
      makeStamp('stamp-person', 'person-standing', 600, 1300),
      makeStamp('stamp-heart', 'heart', 1000, 1300),
      image,
      {
        ...makeStamp('stamp-turned', 'star', 0, 0),
        transform: multiply(translation(2500, 1450), rotation(30, 150, 150)),
      },
      { ...makeStroke(3000, 1400, 30), id: 'stroke-1', size: 16 },
    ];
    const writer = await connectClient(env.url, board.id, drawKey);
    const ack = await writer.send(addOp(...records));
    expect(ack.ok).toBe(true);
    writer.close();

    const viewer = await openPage(env.browser, board.links.view);
    const { page } = viewer;
    await waitForBoard(page);
    await page.waitForFunction((n) => window.__grareco?.objectCount === n, records.length);
    // Web font subsets and the image arrive after the records: let them land.
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(600);

    for (const r of records) {
      const share = await inkShareIn(page, boardBounds(r));
      expect(share, `ink of ${r.id}`).toBeGreaterThan(0.01);
    }
    // The image is its own colour (orange-red), not a placeholder.
    const imageColour = await page.evaluate(
      ({ x, y }) => {
        const h = window.__grareco;
        const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board"] canvas');
        const ctx = canvas?.getContext('2d');
        if (!h?.viewport || !canvas || !ctx) throw new Error('no canvas');
        const [z = 1, , , , tx = 0, ty = 0] = h.viewport;
        const d = ctx.getImageData(Math.round(x * z + tx), Math.round(y * z + ty), 1, 1).data;
        return [d[0], d[1], d[2]];
      },
      { x: 1800, y: 1500 },
    );
    expect(imageColour).toEqual([220, 60, 20]);
    await screenshot(page, 'render-records-viewer');

    // The server's PNG export, from the same shared primitives: ink in the same places.
    const exported = await fetch(`${env.url}/api/boards/${board.id}/export.png`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(exported.status).toBe(200);
    const png = Buffer.from(await exported.arrayBuffer());
    writeFileSync(resultPath('render-records-export.png'), png);
    const cols = 48;
    const rows = 27;
    const shown = await canvasInkGrid(page, BOARD, cols, rows);
    const printed = await pngInkGrid(page, png, cols, rows);
    expect(shown.share.filter((s) => s > 0).length).toBeGreaterThan(40);
    expect(inkMismatches(shown, printed, 0.02).length).toBeLessThanOrEqual(2);

    // Text sits where the export puts it (baseline and left edge), within a few board units.
    for (const id of ['text-title', 'text-body']) {
      const r = records.find((o) => o.id === id) as TextRecord;
      const box: BoardBox = {
        minX: r.transform[4] - 40,
        minY: r.transform[5] - 40,
        maxX: r.transform[4] + r.w + 40,
        maxY: r.transform[5] + r.h + 40,
      };
      const a = await canvasInkBounds(page, box);
      const b = await pngInkBounds(page, png, BOARD, box);
      expect(a && b, id).toBeTruthy();
      if (!a || !b) continue;
      for (const k of ['minX', 'minY', 'maxX', 'maxY'] as const) {
        expect(Math.abs(a[k] - b[k]), `${id} ${k}: screen ${a[k]} export ${b[k]}`).toBeLessThan(12);
      }
    }
    expect((await readHook(page)).objectCount).toBe(records.length);
    expect(viewer.errors).toEqual([]);

    // A closer look on the recorder's page: Japanese lettering, crisp stamps and shapes.
    const recorder = await openPage(env.browser, board.links.draw, { width: 1600, height: 1000 });
    await waitForBoard(recorder.page);
    await recorder.page.evaluate(() => document.fonts.ready);
    const box = await recorder.page.getByTestId('board').boundingBox();
    if (!box) throw new Error('no board');
    await recorder.page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
    await recorder.page.mouse.wheel(0, -500);
    await recorder.page.waitForTimeout(400);
    await screenshot(recorder.page, 'render-records-zoomed');
    expect(recorder.errors).toEqual([]);
    await recorder.close();
    await viewer.close();
  });
});

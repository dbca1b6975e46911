import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stroke } from '../../shared/objects/stroke';
import { PEN_PRESETS, PEN_TOOLS } from '../../shared/presets';
import { drawStroke, openPage, screenshot, waitForBoard, type BoardPoint } from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { addOp } from '../helpers/fixtures';
import { connectClient, keyOf } from '../helpers/socket-clients';

/**
 * The board's committed objects are drawn from cached bitmaps, a new stroke is painted onto
 * them, and only strokes in progress are drawn every frame (client/board/render/
 * cached-canvas.ts). These checks compare those pixels with the board drawn afresh, so a
 * stale or mis-ordered bitmap shows up as a difference.
 */

/** A few dozen strokes of every preset, crossing each other, in every layer. */
function seededStrokes(): Stroke[] {
  const strokes: Stroke[] = [];
  const tools = Object.values(PEN_TOOLS);
  for (let i = 0; i < 120; i++) {
    const tool = tools[i % tools.length] ?? 'pen';
    const x0 = 200 + ((i * 977) % 3300);
    const y0 = 200 + ((i * 571) % 1700);
    const points: Stroke['points'] = [];
    for (let k = 0; k < 40; k++) {
      points.push([x0 + k * 8, Math.round(y0 + 40 * Math.sin(k / 4 + i)), 0.5]);
    }
    strokes.push({
      id: `seed-${i}`,
      type: 'stroke',
      tool,
      color: ['#1f2328', '#d9480f', '#1c7ed6'][i % 3] ?? '#1f2328',
      size: PEN_PRESETS[tool].sizes[1],
      opacity: PEN_PRESETS[tool].opacity,
      simulatePressure: false,
      points,
    });
  }
  return strokes;
}

/** Keeps the board canvas's pixels in the page under a name. */
async function keep(page: Page, name: string): Promise<void> {
  await page.evaluate((key) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board"] canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) throw new Error('no board canvas');
    const kept = ((window as unknown as { __kept?: Record<string, Uint8ClampedArray> }).__kept ??= {});
    kept[key] = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  }, name);
}

/**
 * Pixels that differ by more than `tolerance` in any channel between two kept pictures,
 * leaving out a rectangle of canvas pixels (where a stroke is being drawn).
 */
async function differing(
  page: Page,
  a: string,
  b: string,
  tolerance = 2,
  skip: { x0: number; y0: number; x1: number; y1: number } | null = null,
): Promise<number> {
  return page.evaluate(
    ({ a, b, tolerance, skip }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board"] canvas');
      const kept = (window as unknown as { __kept: Record<string, Uint8ClampedArray> }).__kept;
      const pa = kept[a];
      const pb = kept[b];
      if (!canvas || !pa || !pb || pa.length !== pb.length) throw new Error('pictures differ in size');
      let count = 0;
      for (let i = 0; i < pa.length; i += 4) {
        const x = (i / 4) % canvas.width;
        const y = Math.floor(i / 4 / canvas.width);
        if (skip && x >= skip.x0 && x <= skip.x1 && y >= skip.y0 && y <= skip.y1) continue;
        for (let c = 0; c < 4; c++) {
          if (Math.abs((pa[i + c] ?? 0) - (pb[i + c] ?? 0)) > tolerance) {
            count++;
            break;
          }
        }
      }
      return count;
    },
    { a, b, tolerance, skip },
  );
}

describe('cached board rendering', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
    const writer = await connectClient(env.url, env.board.id, keyOf(env.board.links.draw));
    const ack = await writer.send(addOp(...seededStrokes()));
    expect(ack.ok).toBe(true);
    writer.close();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('strokes painted onto the cached board match the board drawn afresh', async () => {
    const recorder = await openPage(env.browser, env.board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    await page.waitForFunction(() => window.__grareco?.objectCount === 120);
    await keep(page, 'before');

    // A pen stroke held down: only its own corner of the canvas may change meanwhile.
    const held: readonly BoardPoint[] = [
      [300, 300],
      [700, 500],
      [900, 350],
    ];
    await drawStroke(page, held, { lift: false });
    await page.waitForTimeout(100);
    await keep(page, 'holding');
    const box = await page.getByTestId('board').boundingBox();
    if (!box) throw new Error('no board');
    const vt = await page.evaluate(() => window.__grareco?.viewport ?? []);
    const [z = 1, , , , tx = 0, ty = 0] = vt;
    // The stroke's bounds in canvas pixels, with room for its width.
    const around = { x0: tx + 250 * z, y0: ty + 250 * z, x1: tx + 950 * z, y1: ty + 550 * z };
    expect(await differing(page, 'before', 'holding')).toBeGreaterThan(0);
    expect(await differing(page, 'before', 'holding', 2, around)).toBe(0);
    await page.mouse.up();

    // Commits in every layer: ink, then the highlighter and the shadow pen under the ink.
    await drawStroke(page, [
      [400, 1200],
      [3400, 1300],
    ]);
    await page.keyboard.press('h');
    await drawStroke(page, [
      [1800, 300],
      [1900, 1900],
    ]);
    await page.keyboard.press('s');
    await drawStroke(page, [
      [600, 1700],
      [2600, 900],
    ]);
    await page.waitForFunction(
      () => window.__grareco?.objectCount === 124 && window.__grareco.saveState === 'saved',
    );
    await page.waitForTimeout(100);
    await keep(page, 'painted');
    await screenshot(page, 'cached-render-painted');

    // Zoom in and fit again: the same view drawn from nothing.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await page.waitForFunction((z0) => (window.__grareco?.viewport?.[0] ?? 0) > z0 * 1.2, z);
    await page.keyboard.press('f');
    await page.waitForFunction((z0) => window.__grareco?.viewport?.[0] === z0, z);
    await page.waitForTimeout(100);
    await keep(page, 'afresh');
    expect(await differing(page, 'painted', 'afresh')).toBe(0);
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });
});

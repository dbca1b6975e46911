import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Stroke } from '../../shared/objects/stroke';
import { PEN_PRESETS, PEN_TOOLS } from '../../shared/presets';
import { VIEWPORT } from '../helpers/browser-pages';
import { useBrowserBoard } from '../helpers/browser-setup';
import { addOp } from '../helpers/fixtures';
import { connectClient, keyOf } from '../helpers/socket-clients';

/**
 * A late viewer's outlines are ranked for the zoomed-out view on a worker while the board is
 * built (client/board/render/outline-ranks.ts). What it paints must be what the page paints
 * ranking them itself, pixel for pixel, and a worker that cannot start must cost nothing but
 * the time.
 */

const STROKES = 400;

/** Strokes of every preset over the whole board, in every layer. */
function strokes(): Stroke[] {
  const tools = Object.values(PEN_TOOLS);
  return Array.from({ length: STROKES }, (_, i) => {
    const tool = tools[i % tools.length] ?? 'pen';
    const x0 = 120 + ((i * 977) % 3400);
    const y0 = 120 + ((i * 571) % 1850);
    const points: Stroke['points'] = Array.from({ length: 30 + (i % 40) }, (_, k) => [
      x0 + k * 7,
      Math.round(y0 + 35 * Math.sin(k / 5 + i)),
      0.3 + 0.5 * Math.abs(Math.sin(k / 3)),
    ]);
    return {
      id: `late-${i}`,
      type: 'stroke',
      tool,
      color: ['#1f2328', '#d9480f', '#1c7ed6', '#2f9e44'][i % 4] ?? '#1f2328',
      size: PEN_PRESETS[tool].sizes[i % 3] ?? PEN_PRESETS[tool].sizes[1],
      opacity: PEN_PRESETS[tool].opacity,
      simulatePressure: i % 5 === 0,
      points,
    };
  });
}

/** A viewer loaded afresh, with or without the ranking worker's script. */
async function lateViewer(
  browser: Browser,
  url: string,
  worker: boolean,
): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  if (!worker) await page.route('**/outline-rank-worker*', (route) => route.abort());
  await page.goto(url);
  await page.waitForFunction(
    (n) =>
      window.__grareco?.connection === 'online' &&
      (window.__grareco.objectCount ?? 0) >= n &&
      (window.__grareco.paintedObjects ?? 0) >= n,
    STROKES,
  );
  return { page, close: () => context.close() };
}

/** The board canvas as a PNG data URL (the same pixels give the same text in one browser). */
function picture(page: Page): Promise<string> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board"] canvas');
    if (!canvas) throw new Error('no board canvas');
    return canvas.toDataURL('image/png');
  });
}

describe('outlines ranked off the page thread for a late viewer', () => {
  const browserBoard = useBrowserBoard();

  it('paints the board a worker ranked exactly as the page ranking it itself', async () => {
    const env = browserBoard();
    const writer = await connectClient(env.url, env.board.id, keyOf(env.board.links.draw));
    const all = strokes();
    for (let i = 0; i < all.length; i += 200) {
      expect((await writer.send(addOp(...all.slice(i, i + 200)))).ok).toBe(true);
    }
    writer.close();

    const withWorker = await lateViewer(env.browser, env.board.links.view, true);
    // Every full batch of 128 went to the worker; the rest of the last turn too.
    expect(await withWorker.page.evaluate(() => window.__grareco?.outlinesRankedOffThread)).toBe(STROKES);
    const ranked = await picture(withWorker.page);

    const alone = await lateViewer(env.browser, env.board.links.view, false);
    expect(await alone.page.evaluate(() => window.__grareco?.outlinesRankedOffThread)).toBe(0);
    const own = await picture(alone.page);
    expect(own.length).toBeGreaterThan(10_000);
    expect(ranked === own).toBe(true);

    await withWorker.close();
    await alone.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boardToPage,
  openPage,
  readHook,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { laserAlong, laserAround, laserSeen, watchLaser } from '../helpers/browser-audience';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';

const PATH: readonly BoardPoint[] = [
  [800, 900],
  [1600, 1300],
  [2400, 900],
  [3000, 1200],
];

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

describe('laser pointer', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('shows a fading red trail to viewers and the recorder; nothing is stored', async () => {
    const recorder = await openPage(env.browser, env.board.links.draw);
    const viewer = await openPage(env.browser, env.board.links.view, { width: 1000, height: 700 });
    await waitForBoard(recorder.page);
    await waitForBoard(viewer.page);
    await viewer.page.waitForTimeout(400);

    // L picks the laser.
    await recorder.page.locator('body').press('l');
    await recorder.page.waitForFunction(
      () => document.querySelector('[data-testid="tool-laser"]')?.getAttribute('aria-pressed') === 'true',
    );

    const screen = await Promise.all(PATH.map(([x, y]) => boardToPage(recorder.page, x, y)));
    const [first, ...rest] = screen;
    if (!first) throw new Error('no path');
    const last = PATH[PATH.length - 1] as BoardPoint;
    const lastSegment: BoardPoint = [
      Math.round(((PATH[2] as BoardPoint)[0] + last[0]) / 2),
      Math.round(((PATH[2] as BoardPoint)[1] + last[1]) / 2),
    ];
    const watched = [...PATH, lastSegment];
    await watchLaser(viewer.page, watched);
    await recorder.page.mouse.move(first.x, first.y);
    await recorder.page.mouse.down();
    for (const p of rest) await recorder.page.mouse.move(p.x, p.y, { steps: 6 });
    // The viewer sees the trail along the path and the head while the pointer is down.
    await until(
      async () => (await laserSeen(viewer.page)).every((s) => s.firstAt !== null),
      5_000,
      'the laser trail on the viewer',
    );
    await until(async () => (await laserAround(viewer.page, ...last)) > 5, 3_000, 'the head on the viewer');
    await screenshot(viewer.page, 'laser-viewer');
    await until(
      async () => (await laserAround(recorder.page, ...last)) > 5,
      3_000,
      'the head on the recorder',
    );
    await screenshot(recorder.page, 'laser-recorder');

    // Lifted: gone within about a second, everywhere.
    await recorder.page.mouse.up();
    const upAt = Date.now();
    await until(
      async () => (await laserAlong(viewer.page, watched)).every((n) => n === 0),
      5_000,
      'the trail to fade on the viewer',
    );
    const fadedAfter = Math.max(...(await laserSeen(viewer.page)).map((s) => (s.lastAt ?? upAt) - upAt));
    console.log(`[laser] the viewer's trail was gone ${fadedAfter} ms after the pointer lifted`);
    expect(fadedAfter).toBeLessThan(1_500);
    await until(
      async () => (await laserAlong(recorder.page, watched)).every((n) => n === 0),
      3_000,
      'the trail to fade on the recorder',
    );

    // With the laser tool a hovering mouse points too, without a press; leaving the board lifts it.
    const hoverAt: BoardPoint = [1900, 600];
    const hover = await boardToPage(recorder.page, ...hoverAt);
    await recorder.page.mouse.move(hover.x - 60, hover.y, { steps: 3 });
    await recorder.page.mouse.move(hover.x, hover.y, { steps: 6 });
    await until(
      async () => (await laserAround(viewer.page, ...hoverAt)) > 5,
      1_000,
      'the hover dot on the viewer',
    );
    await recorder.page.mouse.move(5, 5);
    await until(
      async () => (await laserAround(viewer.page, ...hoverAt)) === 0,
      5_000,
      'the hover trail to fade after the pointer left',
    );

    // Never a board record.
    for (const page of [recorder.page, viewer.page]) {
      const hook = await readHook(page);
      expect(hook.objectCount).toBe(0);
      expect(hook.seq).toBe(0);
    }
    expect(recorder.errors).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await recorder.close();
    await viewer.close();
  });
});

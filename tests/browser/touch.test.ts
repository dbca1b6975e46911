import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alongStroke,
  boardToPage,
  expectInk,
  openPage,
  readHook,
  waitForBoard,
} from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';

type TouchPoint = { x: number; y: number; id: number };

describe('touch', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('one finger draws; two fingers pinch-zoom without drawing', async () => {
    const recorder = await openPage(env.browser, env.board.links.draw, undefined, { hasTouch: true });
    const { page } = recorder;
    await waitForBoard(page);
    const cdp = await page.context().newCDPSession(page);
    async function touch(type: 'touchStart' | 'touchMove' | 'touchEnd', points: TouchPoint[]): Promise<void> {
      await cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: points.map((p) => ({ x: p.x, y: p.y, id: p.id, radiusX: 2, radiusY: 2, force: 0.5 })),
      });
    }

    // One finger: a stroke (the thick pen: a fast finger's fine line is too faint for the probe).
    await page.getByTestId('size-2').click();
    const a = await boardToPage(page, 800, 1000);
    const b = await boardToPage(page, 2400, 1000);
    await touch('touchStart', [{ ...a, id: 1 }]);
    for (let i = 1; i <= 15; i++) {
      await touch('touchMove', [{ x: a.x + ((b.x - a.x) * i) / 15, y: a.y, id: 1 }]);
    }
    await touch('touchEnd', []);
    await page.waitForFunction(() => window.__grareco?.objectCount === 1);
    await expectInk(
      page,
      alongStroke([
        [800, 1000],
        [2400, 1000],
      ]),
    );

    // Two fingers spreading apart: zoom in, and nothing new is drawn.
    const before = (await readHook(page)).viewport[0] ?? 0;
    const c = await boardToPage(page, 1900, 1500);
    await touch('touchStart', [{ x: c.x - 40, y: c.y, id: 2 }]);
    await touch('touchStart', [
      { x: c.x - 40, y: c.y, id: 2 },
      { x: c.x + 40, y: c.y, id: 3 },
    ]);
    for (let i = 1; i <= 10; i++) {
      await touch('touchMove', [
        { x: c.x - 40 - i * 12, y: c.y, id: 2 },
        { x: c.x + 40 + i * 12, y: c.y, id: 3 },
      ]);
    }
    await touch('touchEnd', []);
    const after = await readHook(page);
    expect(after.viewport[0] ?? 0).toBeGreaterThan(before * 1.8);
    await page.waitForTimeout(200);
    expect((await readHook(page)).objectCount).toBe(1);
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });
});

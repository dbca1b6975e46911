import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stroke } from '../../shared/objects/stroke';
import { DEFAULT_PALETTE } from '../../shared/palette';
import {
  alongStroke,
  boardToPage,
  drawStroke,
  expectInk,
  openPage,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { addOp, makeShape, makeStamp, makeText } from '../helpers/fixtures';
import { inkShareIn } from '../helpers/ink-map';
import { connectClient, keyOf } from '../helpers/socket-clients';
import { boardBounds } from '../../client/board/render/record-geometry';
import type { BoardObject } from '../../shared/objects/board-object';
import {
  clickBoard,
  dragBoard,
  dragPage,
  handleCentre,
  placedPoints,
  serverObjects,
  settled,
  waitForSeq,
} from '../helpers/toolkit-pages';

/** RGB of the board canvas at a board point. */
async function colorAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const at = await boardToPage(page, x, y);
  const box = await page.getByTestId('board').boundingBox();
  if (!box) throw new Error('no board');
  return page.evaluate(
    ({ cx, cy }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board"] canvas');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) throw new Error('no canvas');
      const d = ctx.getImageData(Math.round(cx), Math.round(cy), 1, 1).data;
      return [d[0] ?? 0, d[1] ?? 0, d[2] ?? 0] as [number, number, number];
    },
    { cx: at.x - box.x, cy: at.y - box.y },
  );
}

/** Generous: these tests take many steps, and a busy machine slows each one. */
const SLOW = 120_000;

const LINE: readonly BoardPoint[] = [
  [600, 600],
  [1000, 600],
  [1400, 600],
];

describe('select tool', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it(
    'moves, scales and rotates a stroke; every change reaches the viewer',
    async () => {
      const board = env.board;
      const recorder = await openPage(env.browser, board.links.draw);
      const viewer = await openPage(env.browser, board.links.view);
      const { page } = recorder;
      await waitForBoard(page);
      await waitForBoard(viewer.page);

      await drawStroke(page, LINE);
      await settled(page);
      const [drawn] = (await serverObjects(env.url, board)) as Stroke[];
      if (!drawn) throw new Error('no stroke');

      // Move: press on the stroke and drag it by (+600, +500).
      await page.getByTestId('tool-select').click();
      expect(await page.getByTestId('tool-select').getAttribute('aria-pressed')).toBe('true');
      await dragBoard(page, [1000, 600], [1600, 1100]);
      let seq = await settled(page);
      let [moved] = (await serverObjects(env.url, board)) as Stroke[];
      expect(moved?.id).toBe(drawn.id);
      expect(moved?.points).toEqual(drawn.points);
      const t = moved?.transform ?? [1, 0, 0, 1, 0, 0];
      expect(t.slice(0, 4)).toEqual([1, 0, 0, 1]);
      expect(t[4]).toBeCloseTo(600, -1);
      expect(t[5]).toBeCloseTo(500, -1);
      await waitForSeq(viewer.page, seq);
      await expectInk(viewer.page, alongStroke(LINE), false);
      await expectInk(viewer.page, alongStroke(placedPoints(moved as Stroke)));
      await screenshot(page, 'select-moved-recorder');

      // Scale ×2 by the bottom-right corner, around the top-left one.
      const anchor = await handleCentre(page, 0);
      const corner = await handleCentre(page, 2);
      await dragPage(page, corner, {
        x: anchor.x + 2 * (corner.x - anchor.x),
        y: anchor.y + 2 * (corner.y - anchor.y),
      });
      seq = await settled(page);
      [moved] = (await serverObjects(env.url, board)) as Stroke[];
      const scaled = moved?.transform ?? [1, 0, 0, 1, 0, 0];
      expect(scaled[0]).toBeCloseTo(2, 1);
      expect(scaled[3]).toBeCloseTo(2, 1);
      expect(Math.abs(scaled[1]) + Math.abs(scaled[2])).toBeLessThan(0.01);
      await waitForSeq(viewer.page, seq);
      await expectInk(viewer.page, alongStroke(placedPoints(moved as Stroke)));

      // Rotate a quarter turn clockwise with the round handle.
      const tl = await handleCentre(page, 0);
      const br = await handleCentre(page, 2);
      const centre = { x: (tl.x + br.x) / 2, y: (tl.y + br.y) / 2 };
      const knob = await handleCentre(page, 'rotate');
      await page.keyboard.down('Shift');
      await dragPage(
        page,
        knob,
        { x: centre.x - (knob.y - centre.y), y: centre.y + (knob.x - centre.x) },
        20,
      );
      await page.keyboard.up('Shift');
      seq = await settled(page);
      [moved] = (await serverObjects(env.url, board)) as Stroke[];
      const turned = moved?.transform ?? [1, 0, 0, 1, 0, 0];
      // Shift snaps to 15° steps: exactly a quarter turn, still twice the size.
      expect(turned[0]).toBeCloseTo(0, 5);
      expect(turned[1]).toBeCloseTo(scaled[0], 5);
      expect(turned[2]).toBeCloseTo(-scaled[3], 5);
      expect(turned[3]).toBeCloseTo(0, 5);
      await waitForSeq(viewer.page, seq);
      const upright = placedPoints(moved as Stroke);
      // A vertical stroke now: same x along it, 1,600 units tall.
      const [top, bottom] = [upright[0] ?? [0, 0], upright[upright.length - 1] ?? [0, 0]];
      expect(Math.abs(top[0] - bottom[0])).toBeLessThan(1);
      expect(Math.abs(bottom[1] - top[1])).toBeCloseTo(1600, -1);
      await expectInk(viewer.page, alongStroke(upright));
      await expectInk(
        viewer.page,
        alongStroke(placedPoints({ ...(moved as Stroke), transform: scaled })),
        false,
      );
      await screenshot(viewer.page, 'select-rotated-viewer');
      await screenshot(page, 'select-rotated-recorder');

      expect(recorder.errors).toEqual([]);
      expect(viewer.errors).toEqual([]);
      await recorder.close();
      await viewer.close();
    },
    SLOW,
  );

  it(
    'duplicates with Ctrl+D, lassoes two records and deletes them with the Delete key',
    async () => {
      const board = await env.newBoard('複製と削除');
      const recorder = await openPage(env.browser, board.links.draw);
      const viewer = await openPage(env.browser, board.links.view);
      const { page } = recorder;
      await waitForBoard(page);
      await waitForBoard(viewer.page);
      const UPRIGHT: BoardPoint[] = [
        [1600, 600],
        [1600, 1100],
        [1600, 1600],
      ];
      await drawStroke(page, UPRIGHT);
      await settled(page);
      const [drawn] = (await serverObjects(env.url, board)) as Stroke[];
      if (!drawn) throw new Error('no stroke');

      // Duplicate: a copy with a new id, 40 units right and down; it is selected now.
      await page.getByTestId('tool-select').click();
      await clickBoard(page, [1600, 1100]);
      await page.keyboard.press('Control+d');
      let seq = await settled(page);
      const two = (await serverObjects(env.url, board)) as Stroke[];
      expect(two).toHaveLength(2);
      const copy = two.find((o) => o.id !== drawn.id) as Stroke;
      expect(copy.points).toEqual(drawn.points);
      expect(copy.transform).toEqual([1, 0, 0, 1, 40, 40]);
      await waitForSeq(viewer.page, seq);
      await expect.poll(() => viewer.page.evaluate(() => window.__grareco?.objectCount)).toBe(2);

      // Move the copy away; let go with Esc.
      await dragBoard(page, [1640, 1140], [2440, 1140]);
      await settled(page);
      await page.keyboard.press('Escape');
      expect(await page.getByTestId('selection-bar').count()).toBe(0);
      // Two more strokes with the pen, outside the lasso to come.
      await page.getByTestId('tool-pen').click();
      await drawStroke(page, [
        [3300, 300],
        [3700, 300],
      ]);
      await drawStroke(page, [
        [3300, 1900],
        [3700, 1900],
      ]);
      await page.getByTestId('tool-select').click();
      const lasso: BoardPoint[] = [
        [1100, 200],
        [3100, 200],
        [3100, 2000],
        [1100, 2000],
        [1100, 300],
      ];
      await drawStroke(page, lasso, { steps: 10 });
      await expect.poll(() => page.getByTestId('selection-count').textContent()).toContain('2');
      await page.keyboard.press('Delete');
      seq = await settled(page);
      const left = await serverObjects(env.url, board);
      expect(left).toHaveLength(2);
      expect(left.map((o) => o.id)).not.toContain(drawn.id);
      expect(left.map((o) => o.id)).not.toContain(copy.id);
      await waitForSeq(viewer.page, seq);
      await expectInk(viewer.page, alongStroke(UPRIGHT), false);
      await expectInk(viewer.page, [[2440, 1140]], false);
      await expectInk(viewer.page, [[3500, 300]]);
      expect(recorder.errors).toEqual([]);
      expect(viewer.errors).toEqual([]);
      await recorder.close();
      await viewer.close();
    },
    SLOW,
  );

  it(
    'brings to front and sends to back within the layer, on the viewer too',
    async () => {
      const board = await env.newBoard('重なり順');
      const recorder = await openPage(env.browser, board.links.draw);
      const viewer = await openPage(env.browser, board.links.view);
      const { page } = recorder;
      await waitForBoard(page);
      await waitForBoard(viewer.page);

      await page.getByTestId('size-2').click();
      await page.getByTestId('color-2').click();
      await drawStroke(page, [
        [800, 1000],
        [2400, 1000],
      ]);
      await page.getByTestId('color-0').click();
      await drawStroke(page, [
        [1600, 500],
        [1600, 1500],
      ]);
      let seq = await settled(page);
      await waitForSeq(viewer.page, seq);
      const crossing = async (p: Page): Promise<'orange' | 'black'> => {
        const [r, , b] = await colorAt(p, 1600, 1000);
        return r > b + 60 ? 'orange' : 'black';
      };
      await expect.poll(() => crossing(viewer.page)).toBe('black');

      await page.getByTestId('tool-select').click();
      await clickBoard(page, [1000, 1000]);
      await page.getByTestId('selection-front').click();
      seq = await settled(page);
      const order = (await serverObjects(env.url, board)).map((o) => (o.type === 'stroke' ? o.color : ''));
      expect(order).toEqual([DEFAULT_PALETTE[0], DEFAULT_PALETTE[2]]);
      await waitForSeq(viewer.page, seq);
      await expect.poll(() => crossing(viewer.page)).toBe('orange');
      await expect.poll(() => crossing(page)).toBe('orange');
      await screenshot(viewer.page, 'select-front-viewer');

      await page.getByTestId('selection-back').click();
      seq = await settled(page);
      await waitForSeq(viewer.page, seq);
      await expect.poll(() => crossing(viewer.page)).toBe('black');

      // Undo of "to back" puts the orange stroke on top again; redo sends it back.
      await page.getByTestId('undo').click();
      seq = await settled(page);
      await waitForSeq(viewer.page, seq);
      await expect.poll(() => crossing(viewer.page)).toBe('orange');
      await page.getByTestId('undo').click();
      seq = await settled(page);
      await waitForSeq(viewer.page, seq);
      await expect.poll(() => crossing(viewer.page)).toBe('black');
      await page.getByTestId('redo').click();
      seq = await settled(page);
      await waitForSeq(viewer.page, seq);
      await expect.poll(() => crossing(viewer.page)).toBe('orange');
      expect(recorder.errors).toEqual([]);
      expect(viewer.errors).toEqual([]);
      await recorder.close();
      await viewer.close();
    },
    SLOW,
  );
  it(
    'picks and moves text, shapes and stamps by their boxes; a lasso takes them together',
    async () => {
      const board = await env.newBoard('いろいろな種類');
      const records: BoardObject[] = [
        makeText('t1', '見出しのテキスト', 300, 300),
        makeShape('s1', 'ellipse', 300, 800),
        makeShape('s2', 'arrow', 900, 800),
        makeStamp('m1', 'light-bulb', 300, 1300),
      ];
      const writer = await connectClient(env.url, board.id, keyOf(board.links.draw));
      expect((await writer.send(addOp(...records))).ok).toBe(true);
      writer.close();
      const recorder = await openPage(env.browser, board.links.draw);
      const viewer = await openPage(env.browser, board.links.view);
      const { page } = recorder;
      await waitForBoard(page);
      await waitForBoard(viewer.page);
      await page.waitForFunction(() => window.__grareco?.objectCount === 4);
      await page.getByTestId('tool-select').click();

      // The ellipse is picked inside its box; Shift adds the arrow (on its shaft) and the stamp.
      await clickBoard(page, [500, 920]);
      await clickBoard(page, [1100, 920], ['Shift']);
      await clickBoard(page, [450, 1450], ['Shift']);
      await expect.poll(() => page.getByTestId('selection-count').textContent()).toContain('3');
      // The arrow's box is empty away from its shaft: a click there picks nothing.
      await page.keyboard.press('Escape');
      await clickBoard(page, [1250, 820]);
      expect(await page.getByTestId('selection-bar').count()).toBe(0);

      // A lasso around everything, then one drag moves all four: one patch.
      const seqBefore = await settled(page);
      await drawStroke(
        page,
        [
          [200, 200],
          [2200, 200],
          [2200, 1700],
          [200, 1700],
          [200, 250],
        ],
        { steps: 8 },
      );
      await expect.poll(() => page.getByTestId('selection-count').textContent()).toContain('4');
      await dragBoard(page, [500, 920], [2100, 1120]);
      const seq = await settled(page);
      expect(seq).toBe(seqBefore + 1);
      const moved = await serverObjects(env.url, board);
      for (const r of records) {
        const now = moved.find((o) => o.id === r.id);
        expect(now?.transform?.[4]).toBeCloseTo((r.transform?.[4] ?? 0) + 1600, -1);
        expect(now?.transform?.[5]).toBeCloseTo((r.transform?.[5] ?? 0) + 200, -1);
      }
      await waitForSeq(viewer.page, seq);
      for (const r of moved)
        expect(await inkShareIn(viewer.page, boardBounds(r)), r.id).toBeGreaterThan(0.01);
      for (const r of records.filter((o) => o.id !== 't1')) {
        expect(await inkShareIn(viewer.page, boardBounds(r)), `${r.id} left its place`).toBe(0);
      }
      await screenshot(viewer.page, 'select-kinds-moved-viewer');
      expect(recorder.errors).toEqual([]);
      expect(viewer.errors).toEqual([]);
      await recorder.close();
      await viewer.close();
    },
    SLOW,
  );
});

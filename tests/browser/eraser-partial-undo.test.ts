import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stroke } from '../../shared/objects/stroke';
import {
  drawStroke,
  expectInk,
  openPage,
  screenshot,
  waitForBoard,
  type BoardPoint,
  type OpenedPage,
} from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { dragBoard, placedPoints, serverObjects, settled, waitForSeq } from '../helpers/toolkit-pages';

const LONG: readonly BoardPoint[] = [
  [600, 1000],
  [1500, 1000],
  [2400, 1000],
];
/** A partial-eraser sweep across the middle of LONG. */
const CUT: readonly BoardPoint[] = [
  [1500, 800],
  [1500, 1200],
];

/** Generous: these tests take many steps, and a busy machine slows each one. */
const SLOW = 120_000;

/** What a page that lost its network may log: failed socket attempts. */
function unexpected(errors: readonly string[]): string[] {
  return errors.filter(
    (e) => !/ERR_INTERNET_DISCONNECTED|WebSocket connection to .* failed|Failed to fetch/.test(e),
  );
}

describe('partial eraser and undo/redo across tools', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  async function openPair(title: string) {
    const board = await env.newBoard(title);
    const recorder = await openPage(env.browser, board.links.draw);
    const viewer = await openPage(env.browser, board.links.view);
    await waitForBoard(recorder.page);
    await waitForBoard(viewer.page);
    return { board, recorder, viewer };
  }

  /** Waits for the recorder's ops to be acknowledged and for the viewer to have them. */
  async function sync(recorder: OpenedPage, viewer: Page): Promise<void> {
    await waitForSeq(viewer, await settled(recorder.page));
  }

  it(
    'cuts a stroke in two where it passes; the viewer shows the gap; undo joins it again',
    async () => {
      const { board, recorder, viewer } = await openPair('部分消し');
      const { page } = recorder;
      // The thick pen: a fine line at the fit view's zoom is too faint for the ink probe.
      await page.getByTestId('size-2').click();
      await drawStroke(page, LONG, { steps: 20 });
      await sync(recorder, viewer.page);
      const [whole] = (await serverObjects(env.url, board)) as Stroke[];
      if (!whole) throw new Error('no stroke');

      await page.getByTestId('tool-eraser-partial').click();
      expect(await page.getByTestId('tool-eraser-partial').getAttribute('aria-pressed')).toBe('true');
      await drawStroke(page, CUT, { steps: 20 });
      await sync(recorder, viewer.page);

      const pieces = (await serverObjects(env.url, board)) as Stroke[];
      expect(pieces).toHaveLength(2);
      expect(pieces.map((p) => p.id)).not.toContain(whole.id);
      const [left, right] = [...pieces].sort((a, b) => (a.points[0]?.[0] ?? 0) - (b.points[0]?.[0] ?? 0));
      if (!left || !right) throw new Error('two pieces');
      for (const p of [left, right]) {
        expect(p).toMatchObject({
          tool: whole.tool,
          color: whole.color,
          size: whole.size,
          opacity: whole.opacity,
        });
        expect(p.points.length).toBeGreaterThanOrEqual(2);
      }
      // Each piece ends short of the sweep by at least the eraser's reach.
      expect(Math.max(...left.points.map((p) => p[0]))).toBeLessThan(1500 - whole.size / 2);
      expect(Math.min(...right.points.map((p) => p[0]))).toBeGreaterThan(1500 + whole.size / 2);
      for (const p of [page, viewer.page]) {
        await expectInk(p, [
          [900, 1000],
          [2100, 1000],
        ]);
        await expectInk(p, [[1500, 1000]], false);
      }
      await screenshot(viewer.page, 'eraser-partial-viewer');

      await page.getByTestId('undo').click();
      await sync(recorder, viewer.page);
      const back = (await serverObjects(env.url, board)) as Stroke[];
      expect(back.map((o) => o.id)).toEqual([whole.id]);
      await expectInk(viewer.page, [[1500, 1000]]);

      await page.getByTestId('redo').click();
      await sync(recorder, viewer.page);
      expect(await serverObjects(env.url, board)).toHaveLength(2);
      await expectInk(viewer.page, [[1500, 1000]], false);
      expect(recorder.errors).toEqual([]);
      expect(viewer.errors).toEqual([]);
      await recorder.close();
      await viewer.close();
    },
    SLOW,
  );

  it(
    'draw, move, partial-erase: undo ×3 restores the board, redo ×3 repeats it, also after a reconnect',
    async () => {
      const { board, recorder, viewer } = await openPair('元に戻す');
      const { page } = recorder;
      const A: BoardPoint[] = [
        [600, 600],
        [1200, 600],
        [1800, 600],
      ];
      const B: BoardPoint[] = [
        [600, 1500],
        [1200, 1500],
        [1800, 1500],
      ];
      await drawStroke(page, A, { steps: 20 });
      await sync(recorder, viewer.page);
      const [original] = (await serverObjects(env.url, board)) as Stroke[];
      if (!original) throw new Error('no stroke A');

      // 1. draw B  2. move A down by 300  3. cut A in the middle.
      await drawStroke(page, B, { steps: 20 });
      await page.getByTestId('tool-select').click();
      await dragBoard(page, [1200, 600], [1200, 900]);
      await page.getByTestId('tool-eraser-partial').click();
      await drawStroke(
        page,
        [
          [1200, 750],
          [1200, 1050],
        ],
        { steps: 20 },
      );
      await sync(recorder, viewer.page);

      const afterAll3 = async (p: Page) => {
        await expectInk(p, [[1200, 1500]]);
        await expectInk(p, [[1200, 900]], false);
        await expectInk(p, [
          [800, 900],
          [1600, 900],
        ]);
        await expectInk(p, [[1200, 600]], false);
      };
      await afterAll3(viewer.page);
      expect(await serverObjects(env.url, board)).toHaveLength(3);

      // Undo the cut: A whole again, still moved.
      await page.getByTestId('undo').click();
      await sync(recorder, viewer.page);
      await expectInk(viewer.page, [[1200, 900]]);
      // Undo the move: A back where it was drawn.
      await page.getByTestId('undo').click();
      await sync(recorder, viewer.page);
      await expectInk(viewer.page, [[1200, 600]]);
      await expectInk(viewer.page, [[1200, 900]], false);
      // Undo drawing B.
      await page.keyboard.press('Control+z');
      await sync(recorder, viewer.page);
      await expectInk(viewer.page, [[1200, 1500]], false);
      const restored = (await serverObjects(env.url, board)) as Stroke[];
      expect(restored).toHaveLength(1);
      expect(restored[0]?.id).toBe(original.id);
      expect(restored[0]?.points).toEqual(original.points);
      expect(restored[0]?.transform ?? [1, 0, 0, 1, 0, 0]).toEqual([1, 0, 0, 1, 0, 0]);
      await screenshot(viewer.page, 'undo-restored-viewer');

      // Redo ×3: B, the move, the cut.
      await page.getByTestId('redo').click();
      await sync(recorder, viewer.page);
      await expectInk(viewer.page, [[1200, 1500]]);
      await page.getByTestId('redo').click();
      await sync(recorder, viewer.page);
      await expectInk(viewer.page, [[1200, 900]]);
      await page.keyboard.press('Control+Shift+z');
      await sync(recorder, viewer.page);
      await afterAll3(viewer.page);
      const redone = (await serverObjects(env.url, board)) as Stroke[];
      expect(redone).toHaveLength(3);
      for (const s of redone.filter(
        (o) => o.id !== restored[0]?.id && o.points.length < original.points.length,
      )) {
        // The pieces of A keep its move: they sit 300 below where A was drawn.
        expect(s.transform?.[5]).toBeCloseTo(300, -1);
        expect(placedPoints(s).every(([, y]) => Math.abs(y - 900) < 40)).toBe(true);
      }

      // The history is the tab's, not the socket's: it survives a drop and a reconnect.
      await page.context().setOffline(true);
      await page.waitForFunction(() => window.__grareco?.connection === 'offline');
      await page.context().setOffline(false);
      await page.waitForFunction(() => window.__grareco?.connection === 'online');
      await page.getByTestId('undo').click();
      await sync(recorder, viewer.page);
      await expectInk(viewer.page, [[1200, 900]]);
      expect(await serverObjects(env.url, board)).toHaveLength(2);
      await page.getByTestId('redo').click();
      await sync(recorder, viewer.page);
      await afterAll3(viewer.page);
      expect(unexpected(recorder.errors)).toEqual([]);
      expect(viewer.errors).toEqual([]);
      await recorder.close();
      await viewer.close();
    },
    SLOW,
  );

  it(
    'never undoes what someone else changed meanwhile',
    async () => {
      const { board, recorder, viewer } = await openPair('他の人の変更');
      const { page } = recorder;
      const second = await openPage(env.browser, board.links.draw);
      await waitForBoard(second.page);
      const Y: BoardPoint[] = [
        [600, 400],
        [2400, 400],
      ];
      await drawStroke(page, LONG, { steps: 20 });
      await drawStroke(page, Y, { steps: 20 });
      await sync(recorder, viewer.page);
      const [x] = (await serverObjects(env.url, board)) as Stroke[];
      // The first recorder moves LONG down; the second moves it further.
      await page.getByTestId('tool-select').click();
      await dragBoard(page, [1500, 1000], [1500, 1300]);
      let seq = await settled(page);
      await waitForSeq(second.page, seq);
      await second.page.getByTestId('tool-select').click();
      await dragBoard(second.page, [1500, 1300], [1500, 1700]);
      seq = await settled(second.page);
      await waitForSeq(page, seq);
      // Undo on the first recorder passes over its move (the stroke is no longer where it put
      // it) and takes back its previous action, drawing Y.
      await page.getByTestId('undo').click();
      await sync(recorder, viewer.page);
      const left = (await serverObjects(env.url, board)) as Stroke[];
      expect(left.map((o) => o.id)).toEqual([x?.id]);
      expect(left[0]?.transform?.[5]).toBeCloseTo(700, -1);
      await expectInk(viewer.page, [[1500, 1700]]);
      await expectInk(viewer.page, [[1500, 400]], false);
      // Redo brings Y back; the second recorder's move stays.
      await page.getByTestId('redo').click();
      await sync(recorder, viewer.page);
      await expectInk(viewer.page, [
        [1500, 400],
        [1500, 1700],
      ]);
      expect(recorder.errors).toEqual([]);
      expect(second.errors).toEqual([]);
      await second.close();
      await recorder.close();
      await viewer.close();
    },
    SLOW,
  );
});

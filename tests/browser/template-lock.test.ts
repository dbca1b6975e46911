import { describe, expect, it } from 'vitest';
import { boardBounds } from '../../client/board/render/record-geometry';
import { layerOf } from '../../shared/layers';
import type { BoardObject } from '../../shared/objects/board-object';
import {
  alongStroke,
  drawStroke,
  expectInk,
  openPage,
  readHook,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { useBrowserBoard } from '../helpers/browser-setup';
import { cardById, openConsole, POLL } from '../helpers/console-pages';
import type { CreatedBoard } from '../helpers/socket-clients';
import { TEST_ADMIN_TOKEN } from '../helpers/test-server';
import { clickBoard, serverObjects, settled } from '../helpers/toolkit-pages';

const SLOW = 150_000;

const UNDERLINE: readonly BoardPoint[] = [
  [300, 700],
  [900, 720],
  [1500, 700],
];

describe('template layer: locked during the event', () => {
  const browserBoard = useBrowserBoard();

  it(
    'the recorder cannot pick or erase the template until the organiser unlocks it in the console',
    async () => {
      const env = browserBoard();
      const res = await fetch(`${env.url}/api/boards`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: '地域共生セミナー',
          agenda: [
            { start: '13:00', title: '開会' },
            { start: '13:10', title: '基調講演' },
            { start: '14:30', title: 'パネルディスカッション' },
          ],
        }),
      });
      const board = (await res.json()) as CreatedBoard;
      const template = (await serverObjects(env.url, board)).filter((o) => layerOf(o) === 'template');
      const box = template.find((o) => o.id.endsWith('agenda-1-box')) as BoardObject;
      const b = boardBounds(box);
      // Inside the heading's box, away from its text: the box itself is what a click picks.
      const inBox: BoardPoint = [Math.round((b.minX + b.maxX) / 2), Math.round(b.maxY - 30)];

      const recorder = await openPage(env.browser, board.links.draw);
      const { page } = recorder;
      await waitForBoard(page);
      const seq0 = (await readHook(page)).seq;
      await expect(page.getByTestId('template-draw').count()).resolves.toBe(0);

      // Locked: the select tool does not pick it, the eraser does not take it.
      await page.getByTestId('tool-select').click();
      await clickBoard(page, inBox);
      await page.waitForTimeout(300);
      await expect(page.getByTestId('selection-bar').count()).resolves.toBe(0);
      await page.getByTestId('tool-eraser').click();
      await drawStroke(page, [
        [b.minX + 10, inBox[1]],
        [b.maxX - 10, inBox[1]],
      ]);
      await page.waitForTimeout(300);
      expect((await readHook(page)).seq).toBe(seq0);
      expect((await serverObjects(env.url, board)).length).toBe(template.length);

      // The organiser unlocks the template in the console.
      const organiser = await openConsole(env.browser, env.url);
      const card = cardById(organiser.page, board.id);
      const toggle = card.getByTestId('template-lock');
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-pressed'), POLL).toBe('false');

      // The recorder may now draw on the template layer and pick its records.
      const drawToggle = page.getByTestId('template-draw');
      await drawToggle.waitFor();
      await drawToggle.click();
      expect(await drawToggle.getAttribute('aria-pressed')).toBe('true');
      await page.getByTestId('tool-pen').click();
      await drawStroke(page, UNDERLINE);
      await settled(page);
      const drawn = (await serverObjects(env.url, board)).at(-1) as BoardObject;
      expect(drawn.type).toBe('stroke');
      expect(layerOf(drawn)).toBe('template');
      await page.getByTestId('tool-select').click();
      await clickBoard(page, inBox);
      await page.getByTestId('selection-bar').waitFor();
      await screenshot(page, 'template-unlocked');

      // Locked again: the toggle goes, the selection of the template is dropped.
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('aria-pressed'), POLL).toBe('true');
      await page.getByTestId('template-draw').waitFor({ state: 'detached' });
      await page.getByTestId('selection-bar').waitFor({ state: 'detached' });

      // A viewer sees the template and the underline, drawn under the ink.
      const viewer = await openPage(env.browser, board.links.view);
      await waitForBoard(viewer.page);
      await expectInk(viewer.page, alongStroke(UNDERLINE));
      expect(recorder.errors).toEqual([]);
      expect(organiser.errors).toEqual([]);
      await recorder.close();
      await viewer.close();
      await organiser.close();
    },
    SLOW,
  );
});

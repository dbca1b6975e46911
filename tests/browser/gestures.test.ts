import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { boardToPage, openPage, readHook, waitForBoard } from '../helpers/browser-pages';
import { useBrowserBoard } from '../helpers/browser-setup';

/**
 * Safari's gesture events and the other ways a page zooms, as synthetic events in Chromium
 * (which has no GestureEvent of its own): the page itself must never zoom, a trackpad pinch
 * (gestures, no pointer) zooms the board, a finger pinch (pointers too) is left to the pointer
 * router so the board does not zoom twice.
 */

interface Gesture {
  type: 'gesturestart' | 'gesturechange' | 'gestureend';
  scale?: number;
}

/** Dispatches gesture events on the element matched by `selector` (or under a page point). */
async function sendGestures(
  page: Page,
  where: { selector: string } | { x: number; y: number },
  gestures: readonly Gesture[],
): Promise<boolean[]> {
  return page.evaluate(
    ({ where, gestures }) => {
      const target =
        'selector' in where
          ? document.querySelector(where.selector)
          : document.elementFromPoint(where.x, where.y);
      if (!target) throw new Error('no target for the gesture');
      const box = target.getBoundingClientRect();
      const x = 'x' in where ? where.x : box.left + box.width / 2;
      const y = 'y' in where ? where.y : box.top + box.height / 2;
      return gestures.map((g) => {
        // WebKit's GestureEvent: an Event with scale, rotation and the centre's client point.
        const e = new Event(g.type, { bubbles: true, cancelable: true });
        Object.defineProperties(e, {
          scale: { value: g.scale ?? 1 },
          rotation: { value: 0 },
          clientX: { value: x },
          clientY: { value: y },
        });
        target.dispatchEvent(e);
        return e.defaultPrevented;
      });
    },
    { where, gestures },
  );
}

const PINCH: readonly Gesture[] = [
  { type: 'gesturestart', scale: 1 },
  { type: 'gesturechange', scale: 1.5 },
  { type: 'gesturechange', scale: 2 },
  { type: 'gestureend', scale: 2 },
];

async function zoomOf(page: Page): Promise<number> {
  return (await readHook(page)).viewport[0] ?? 0;
}

describe('gestures', () => {
  const env = useBrowserBoard();

  it('no gesture, Ctrl+wheel or double tap zooms the page, on the chrome or the board', async () => {
    const recorder = await openPage(env().browser, env().board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    for (const selector of [
      '[data-testid="tool-pen"]',
      '[role="toolbar"]',
      'body',
      '[data-testid="board"]',
    ]) {
      expect(await sendGestures(page, { selector }, PINCH), selector).toEqual([true, true, true, true]);
    }
    const wheel = (selector: string, ctrlKey: boolean) =>
      page.evaluate(
        ({ selector, ctrlKey }) => {
          const e = new WheelEvent('wheel', { bubbles: true, cancelable: true, ctrlKey, deltaY: -100 });
          document.querySelector(selector)?.dispatchEvent(e);
          return e.defaultPrevented;
        },
        { selector, ctrlKey },
      );
    // A trackpad pinch in Chromium is a Ctrl+wheel; a plain wheel still scrolls the chrome.
    expect(await wheel('[role="toolbar"]', true)).toBe(true);
    expect(await wheel('[role="toolbar"]', false)).toBe(false);
    const touchAction = (selector: string) =>
      page.evaluate((s) => {
        const el = document.querySelector(s);
        return el ? getComputedStyle(el).touchAction : null;
      }, selector);
    // manipulation: no double-tap zoom on the chrome (it narrows down to every descendant).
    expect(await touchAction('html')).toBe('manipulation');
    expect(await touchAction('[data-testid="board"]')).toBe('none');
    const meta = await page.getAttribute('meta[name="viewport"]', 'content');
    expect(meta).toContain('maximum-scale=1');
    expect(recorder.errors).toEqual([]);
    await recorder.close();

    // The viewer (a phone in the hall) zooms its board, never its page.
    const viewer = await openPage(env().browser, env().board.links.view);
    await waitForBoard(viewer.page);
    expect(await sendGestures(viewer.page, { selector: 'body' }, PINCH)).toEqual([true, true, true, true]);
    expect(viewer.errors).toEqual([]);
    await viewer.close();
  });

  it('a trackpad pinch (gestures, no finger down) zooms the board around its centre', async () => {
    const recorder = await openPage(env().browser, env().board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    const z0 = await zoomOf(page);
    const at = await boardToPage(page, 1920, 1080);
    await sendGestures(page, at, PINCH);
    await expect.poll(() => zoomOf(page)).toBeCloseTo(z0 * 2, 5);
    // The board point under the pinch stays under it.
    const still = await boardToPage(page, 1920, 1080);
    expect(still.x).toBeCloseTo(at.x, 3);
    expect(still.y).toBeCloseTo(at.y, 3);
    // Pinching in again.
    await sendGestures(page, at, [
      { type: 'gesturestart', scale: 1 },
      { type: 'gesturechange', scale: 0.5 },
      { type: 'gestureend', scale: 0.5 },
    ]);
    await expect.poll(() => zoomOf(page)).toBeCloseTo(z0, 5);
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });

  it('a finger pinch is the pointer router’s: its gesture events do not zoom the board again', async () => {
    const recorder = await openPage(env().browser, env().board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    // The hand tool: a finger going down draws nothing.
    await page.getByTestId('tool-hand').click();
    const z0 = await zoomOf(page);
    const at = await boardToPage(page, 1920, 1080);
    const finger = (type: 'pointerdown' | 'pointerup') =>
      page.evaluate(
        ({ type, x, y }) => {
          document.elementFromPoint(x, y)?.dispatchEvent(
            new PointerEvent(type, {
              pointerId: 31,
              pointerType: 'touch',
              isPrimary: true,
              bubbles: true,
              cancelable: true,
              clientX: x,
              clientY: y,
              buttons: type === 'pointerdown' ? 1 : 0,
            }),
          );
        },
        { type, ...at },
      );
    await finger('pointerdown');
    await sendGestures(page, at, PINCH);
    await finger('pointerup');
    expect(await zoomOf(page)).toBe(z0);
    // Once the finger is up, a trackpad pinch zooms again.
    await sendGestures(page, at, PINCH);
    await expect.poll(() => zoomOf(page)).toBeCloseTo(z0 * 2, 5);
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });
});

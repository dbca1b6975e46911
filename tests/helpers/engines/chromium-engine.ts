import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../chromium';
import {
  ENGINE,
  ENGINE_VIEWPORT,
  type Engine,
  type EnginePage,
  type PagePoint,
  type StylusKind,
} from './engine';

/** Pen samples at about 60 Hz, as the other drivers' pointer actions are paced. */
const STEP_MS = 16;

/** Chromium through playwright-core; the pen comes from CDP, which playwright has no API for. */
function chromiumPage(context: BrowserContext, page: Page, cdp: CDPSession): EnginePage {
  async function pen(points: readonly PagePoint[]): Promise<void> {
    const [first, ...rest] = points;
    if (!first) return;
    const base = { button: 'left', pointerType: 'pen' } as const;
    await cdp.send('Input.dispatchMouseEvent', {
      type: 'mousePressed',
      ...first,
      ...base,
      buttons: 1,
      clickCount: 1,
      force: 0.5,
    });
    for (const p of rest) {
      await cdp.send('Input.dispatchMouseEvent', {
        type: 'mouseMoved',
        ...p,
        ...base,
        buttons: 1,
        force: 0.5,
      });
      await page.waitForTimeout(STEP_MS);
    }
    const last = rest.at(-1) ?? first;
    await cdp.send('Input.dispatchMouseEvent', {
      type: 'mouseReleased',
      ...last,
      ...base,
      buttons: 0,
      clickCount: 1,
    });
  }

  return {
    engine: ENGINE.chromium,
    async goto(url) {
      await page.goto(url);
    },
    async reload() {
      await page.reload();
    },
    evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) =>
      page.evaluate(fn as (a: unknown) => R | Promise<R>, arg as unknown),
    async mouseStroke(points) {
      const [first, ...rest] = points;
      if (!first) return;
      await page.mouse.move(first.x, first.y);
      await page.mouse.down();
      for (const p of rest) await page.mouse.move(p.x, p.y);
      await page.mouse.up();
    },
    async stylusStroke(kind: StylusKind, points) {
      if (kind !== 'pen') throw new Error('the Chromium engine drives a pen');
      await pen(points);
    },
    async click(selector) {
      await page.click(selector);
    },
    async clickAt(at) {
      await page.mouse.click(at.x, at.y);
    },
    async typeText(text) {
      await page.keyboard.type(text);
    },
    async pressCtrlEnter() {
      await page.keyboard.press('Control+Enter');
    },
    screenshot: () => page.screenshot(),
    close: () => context.close(),
  };
}

export async function launchChromiumEngine(): Promise<Engine> {
  const browser = await launchChromium();
  return {
    name: ENGINE.chromium,
    stylus: 'pen',
    stylusDrags: true,
    async newPage(url) {
      const context = await browser.newContext({ viewport: ENGINE_VIEWPORT, deviceScaleFactor: 1 });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await page.goto(url);
      return chromiumPage(context, page, cdp);
    },
    close: () => browser.close(),
  };
}

import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import {
  ENGINE,
  ENGINE_VIEWPORT,
  type Engine,
  type EnginePage,
  type PagePoint,
  type StylusKind,
} from './engine';

export const FIREFOX_ESR = '/usr/bin/firefox-esr';

/** Pointer moves at about 60 Hz, as a hand moves a pen. */
const STEP_MS = 16;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Firefox through puppeteer-core over WebDriver BiDi (Firefox's own remote agent; there is no
 * geckodriver). BiDi pointer actions carry touch; puppeteer has no pen.
 */
function firefoxPage(context: BrowserContext, page: Page): EnginePage {
  return {
    engine: ENGINE.firefox,
    async goto(url) {
      await page.goto(url);
    },
    async reload() {
      await page.reload();
    },
    evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg: A) =>
      page.evaluate(fn as (a: unknown) => Promise<R>, arg as unknown) as Promise<R>,
    async mouseStroke(points) {
      const [first, ...rest] = points;
      if (!first) return;
      await page.mouse.move(first.x, first.y);
      await page.mouse.down();
      for (const p of rest) {
        await page.mouse.move(p.x, p.y);
        await sleep(STEP_MS);
      }
      await page.mouse.up();
    },
    async stylusStroke(kind: StylusKind, points: readonly PagePoint[]) {
      if (kind !== 'touch') throw new Error('the Firefox engine drives touch');
      const [first, ...rest] = points;
      if (!first) return;
      const touch = await page.touchscreen.touchStart(first.x, first.y);
      for (const p of rest) {
        await touch.move(p.x, p.y);
        await sleep(STEP_MS);
      }
      await touch.end();
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
      await page.keyboard.down('Control');
      await page.keyboard.press('Enter');
      await page.keyboard.up('Control');
    },
    async screenshot() {
      return Buffer.from(await page.screenshot());
    },
    close: () => context.close(),
  };
}

export async function launchFirefoxEngine(): Promise<Engine> {
  const executablePath = process.env.FIREFOX_PATH ?? FIREFOX_ESR;
  if (!existsSync(executablePath))
    throw new Error(`${executablePath} is missing (apt-get install firefox-esr)`);
  // A fresh temporary profile each launch (puppeteer makes and removes it).
  const browser: Browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
  return {
    name: ENGINE.firefox,
    stylus: 'touch',
    stylusDrags: true,
    async newPage(url) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport(ENGINE_VIEWPORT);
      await page.goto(url);
      return firefoxPage(context, page);
    },
    close: () => browser.close(),
  };
}

import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { drawStroke, VIEWPORT, waitForBoard, type BoardPoint } from '../helpers/browser-pages';
import { useBrowserBoard } from '../helpers/browser-setup';

const STROKE: readonly BoardPoint[] = [
  [900, 900],
  [1600, 1200],
];

interface Watched {
  page: Page;
  violations(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * Opens a page that records every CSP violation from its first script on. A violation that the
 * page's code catches (zod's `new Function` probe) still fires `securitypolicyviolation`, so
 * the event is what we listen to, with Chromium's console report as a second witness.
 */
async function openWatched(browser: Browser, url: string): Promise<Watched> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const fromConsole: string[] = [];
  page.on('console', (msg) => {
    if (/content security policy/i.test(msg.text())) fromConsole.push(msg.text());
  });
  await page.goto(url);
  await waitForBoard(page, { online: !url.includes('/admin') });
  return {
    page,
    async violations() {
      const fromEvents = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
      return [...fromEvents, ...fromConsole];
    },
    close: () => context.close(),
  };
}

describe('content security policy', () => {
  const env = useBrowserBoard();

  it('the recorder page logs no CSP violation while it loads, draws and saves', async () => {
    const recorder = await openWatched(env().browser, env().board.links.draw);
    await drawStroke(recorder.page, STROKE);
    await recorder.page.waitForFunction(
      () => window.__grareco?.saveState === 'saved' && window.__grareco.seq >= 1,
    );
    expect(await recorder.violations()).toEqual([]);
    await recorder.close();
  });

  it('the viewer and projector pages log no CSP violation', async () => {
    for (const url of [env().board.links.view, env().board.links.present]) {
      const page = await openWatched(env().browser, url);
      expect(await page.violations(), url).toEqual([]);
      await page.close();
    }
  });
});

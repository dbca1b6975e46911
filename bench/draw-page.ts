import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../tests/helpers/chromium';
import { sleep } from './live';
import { PROBE_SCRIPT } from './draw-probe';

/** A point in page (CSS) pixels. */
export interface At {
  x: number;
  y: number;
}

export interface Box extends At {
  width: number;
  height: number;
}

/**
 * One engine's recorder page as the draw bench drives it: a paced pen drag, zoom steps, the
 * probe's numbers (read with `run`) and the CPU its page process has used.
 */
export interface DrawPage {
  /** The engine, as the table names it. */
  engine: string;
  /** What makes the strokes, as the table says it. */
  input: string;
  /** The board element's box. */
  box: Box;
  /** Evaluates a JavaScript expression in the page and returns its JSON value. */
  run<R>(expression: string): Promise<R>;
  /** One stroke through the points at `hz` samples per second, paced by the driver. */
  penStroke(points: readonly At[], hz: number): Promise<void>;
  /** One wheel step at a point (the board zooms: everything is drawn again). */
  wheel(at: At, deltaY: number): Promise<void>;
  /** CPU seconds the page's renderer (web) process has used so far, all its threads. */
  cpuSeconds(): Promise<number>;
  /** Uncaught page errors seen. */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

export interface OpenDraw {
  url: string;
  viewport: { width: number; height: number };
  scale: number;
  strokes: number;
  log(line: string): void;
}

/**
 * Drives one pen stroke through CDP at a steady rate. Events are sent on a fixed schedule and
 * not awaited one by one: a busy page must not slow the pen down, or the bench would measure
 * a slower hand instead of a slower board.
 */
async function cdpPenStroke(cdp: CDPSession, points: readonly At[], hz: number): Promise<void> {
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
  const sent: Promise<unknown>[] = [];
  const start = performance.now();
  const interval = 1000 / hz;
  for (let i = 0; i < rest.length; i++) {
    const p = rest[i] as At;
    const due = start + (i + 1) * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const force = 0.35 + 0.3 * Math.sin((Math.PI * i) / rest.length);
    sent.push(cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...p, ...base, buttons: 1, force }));
  }
  await Promise.all(sent);
  const last = rest[rest.length - 1] ?? first;
  await cdp.send('Input.dispatchMouseEvent', {
    type: 'mouseReleased',
    ...last,
    ...base,
    buttons: 0,
    clickCount: 1,
  });
}

/**
 * CPU seconds the renderer process has used (all its threads, raster included). Wall-clock
 * latency on a shared 2-core machine measures the neighbours too; CPU time per frame does not.
 */
async function rendererCpu(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ProcessTime')?.value ?? NaN;
}

/** Waits (polling) until the page has shown every seeded stroke and is online. */
export async function waitForBoardIn(page: Pick<DrawPage, 'run'>, strokes: number): Promise<void> {
  const end = Date.now() + 120_000;
  for (;;) {
    const ready = await page
      .run<boolean>(
        `document.querySelector('[data-testid="board"] canvas') !== null && ` +
          `window.__grareco?.objectCount === ${strokes} && window.__grareco?.connection === 'online'`,
      )
      .catch(() => false);
    if (ready) return;
    if (Date.now() > end) throw new Error(`the page did not show ${strokes} strokes within 120 s`);
    await sleep(100);
  }
}

/** The recorder page in headless Chromium (playwright-core), pen and wheel through CDP. */
export async function openChromiumDraw(o: OpenDraw): Promise<DrawPage> {
  const browser: Browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: o.viewport, deviceScaleFactor: o.scale });
    const page: Page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    await page.addInitScript(PROBE_SCRIPT);
    const opened = performance.now();
    await page.goto(o.url);
    const run = <R>(expression: string) => page.evaluate(expression) as Promise<R>;
    await waitForBoardIn({ run }, o.strokes);
    o.log(
      `  chromium: recorder page shows ${o.strokes} strokes after ${Math.round(performance.now() - opened)} ms`,
    );
    const box = await page.locator('[data-testid="board"]').boundingBox();
    if (!box) throw new Error('board element has no box');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    return {
      engine: 'Chromium',
      input: 'pen (CDP)',
      box,
      run,
      penStroke: (points, hz) => cdpPenStroke(cdp, points, hz),
      async wheel(at, deltaY) {
        await cdp.send('Input.dispatchMouseEvent', { type: 'mouseWheel', ...at, deltaX: 0, deltaY });
      },
      cpuSeconds: () => rendererCpu(cdp),
      errors: async () => errors,
      close: () => browser.close(),
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

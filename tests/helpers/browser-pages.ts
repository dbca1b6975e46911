import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { resultPath } from './test-results';

/** Screenshots land in test-results (gitignored) so a person can look at what the tests saw. */
export { resultPath } from './test-results';

export const VIEWPORT = { width: 1280, height: 800 } as const;

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught exceptions; a test asserts this stays empty. */
  errors: string[];
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  return launchChromium();
}

/** A fresh context per page: separate storage, like separate people on separate devices. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number } = VIEWPORT,
  /** `locale` sets navigator.language and how date/time inputs read (e.g. 'ja-JP'). */
  device: { hasTouch?: boolean; locale?: string } = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, ...device });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`${res.status()} ${res.url()}`);
  });
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}

/** Waits until the board page has its canvas and (for live pages) its socket is online. */
export async function waitForBoard(page: Page, opts: { online?: boolean } = {}): Promise<void> {
  await page.waitForSelector('[data-testid="board"] canvas');
  await page.waitForFunction(() => window.__grareco?.viewport != null);
  if (opts.online ?? true) {
    await page.waitForFunction(() => window.__grareco?.connection === 'online');
  }
}

export interface Hook {
  seq: number;
  objectCount: number;
  saveState: string;
  pendingCount: number;
  storing: number;
  connection: string;
  viewport: number[];
  clientId: string;
}

export async function readHook(page: Page): Promise<Hook> {
  return page.evaluate(() => {
    const h = window.__grareco;
    if (!h) throw new Error('no test hook');
    return {
      seq: h.seq,
      objectCount: h.objectCount,
      saveState: h.saveState,
      pendingCount: h.pendingCount,
      storing: h.storing,
      connection: h.connection,
      viewport: [...(h.viewport ?? [])],
      clientId: h.clientId,
    };
  });
}

/** Page coordinates (CSS pixels) of a board point on this page, through its own viewport. */
export async function boardToPage(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = await page.locator('[data-testid="board"]').boundingBox();
  if (!box) throw new Error('board element has no box');
  const { viewport: vt } = await readHook(page);
  const [z = 1, , , , tx = 0, ty = 0] = vt;
  return { x: box.x + tx + x * z, y: box.y + ty + y * z };
}

export type BoardPoint = readonly [number, number];

/** Draws a polyline given in board units with the mouse; `lift: false` leaves the button down. */
export async function drawStroke(
  page: Page,
  points: readonly BoardPoint[],
  opts: { steps?: number; lift?: boolean } = {},
): Promise<void> {
  const screen = await Promise.all(points.map(([x, y]) => boardToPage(page, x, y)));
  const [first, ...rest] = screen;
  if (!first) return;
  await page.mouse.move(first.x, first.y);
  await page.mouse.down();
  for (const p of rest) await page.mouse.move(p.x, p.y, { steps: opts.steps ?? 12 });
  if (opts.lift ?? true) await page.mouse.up();
}

/**
 * Counts dark pixels of the board canvas in a square around a board point. Reads the canvas
 * itself (not a screenshot), so overlays cannot hide or fake ink.
 */
export async function inkAround(page: Page, x: number, y: number, radiusPx = 6): Promise<number> {
  const at = await boardToPage(page, x, y);
  const box = await page.locator('[data-testid="board"]').boundingBox();
  if (!box) throw new Error('board element has no box');
  return page.evaluate(
    ({ cx, cy, r }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board"] canvas');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) throw new Error('no board canvas');
      const scale = canvas.width / canvas.clientWidth;
      const x0 = Math.max(0, Math.round((cx - r) * scale));
      const y0 = Math.max(0, Math.round((cy - r) * scale));
      const side = Math.max(1, Math.round(2 * r * scale));
      const data = ctx.getImageData(x0, y0, side, side).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) {
        const lum = 0.299 * (data[i] ?? 255) + 0.587 * (data[i + 1] ?? 255) + 0.114 * (data[i + 2] ?? 255);
        if (lum < 110) dark++;
      }
      return dark;
    },
    { cx: at.x - box.x, cy: at.y - box.y, r: radiusPx },
  );
}

/** Polls until the board shows ink at every point (or none, with `present: false`). */
export async function expectInk(
  page: Page,
  points: readonly BoardPoint[],
  present = true,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let counts: number[] = [];
  while (Date.now() < deadline) {
    counts = await Promise.all(points.map(([x, y]) => inkAround(page, x, y)));
    if (counts.every((c) => (present ? c > 0 : c === 0))) return;
    await page.waitForTimeout(50);
  }
  throw new Error(
    `expected ${present ? 'ink' : 'no ink'} at ${JSON.stringify(points)}, got dark pixel counts ${counts}`,
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  // Japanese glyphs come from a web font in subsets; wait so the picture shows no blanks.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: resultPath(`${name}.png`) });
}

/** Midpoints of each segment: where a drawn polyline surely left ink. */
export function alongStroke(points: readonly BoardPoint[]): BoardPoint[] {
  const out: BoardPoint[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as BoardPoint;
    const b = points[i] as BoardPoint;
    out.push([Math.round((a[0] + b[0]) / 2), Math.round((a[1] + b[1]) / 2)]);
  }
  return out;
}

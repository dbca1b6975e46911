import { writeFileSync } from 'node:fs';
import { decodePng } from '../png-decode';
import type { Ppm } from '../ppm';
import { resultPath } from '../test-results';
import type { EnginePage, PagePoint } from './engine';

/** A point in board units. */
export type BoardPoint = readonly [number, number];

/** What the flows read from the test hook (window.__grareco), engine-neutral. */
export interface EngineHook {
  seq: number;
  objectCount: number;
  saveState: string;
  pendingCount: number;
  storing: number;
  connection: string;
}

export function readHook(page: EnginePage): Promise<EngineHook | null> {
  return page.evaluate(() => {
    const h = window.__grareco;
    if (!h) return null;
    const { seq, objectCount, saveState, pendingCount, storing, connection } = h;
    return { seq, objectCount, saveState, pendingCount, storing, connection };
  }, null);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Polls `check` on the page's hook until it holds. Engines differ in speed and this machine is
 * shared: a state is waited for, never read once after a fixed delay.
 */
export async function waitForHook(
  page: EnginePage,
  what: string,
  check: (h: EngineHook) => boolean,
  timeoutMs = 20_000,
): Promise<EngineHook> {
  const end = Date.now() + timeoutMs;
  let last: EngineHook | null = null;
  for (;;) {
    last = await readHook(page).catch(() => null);
    if (last && check(last)) return last;
    if (Date.now() > end)
      throw new Error(`${page.engine}: timed out waiting for ${what}; hook ${JSON.stringify(last)}`);
    await sleep(100);
  }
}

/** Polls a page predicate (a function run in the page) until it returns true. */
export async function waitInPage<A>(
  page: EnginePage,
  what: string,
  fn: (arg: A) => boolean | Promise<boolean>,
  arg: A,
  timeoutMs = 20_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(fn, arg).catch(() => false)) return;
    if (Date.now() > end) throw new Error(`${page.engine}: timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The board page has its canvas and viewport, and (unless told) its socket is online. */
export async function waitForBoard(page: EnginePage, opts: { online?: boolean } = {}): Promise<void> {
  await waitInPage(
    page,
    'the board canvas',
    () =>
      document.querySelector('[data-testid="board"] canvas') !== null && window.__grareco?.viewport != null,
    null,
  );
  if (opts.online ?? true) await waitForHook(page, 'online', (h) => h.connection === 'online');
}

/** Page (viewport CSS pixel) coordinates of board points, through the page's own viewport. */
export function boardToPage(page: EnginePage, points: readonly BoardPoint[]): Promise<PagePoint[]> {
  return page.evaluate((pts) => {
    const el = document.querySelector('[data-testid="board"]');
    const vt = window.__grareco?.viewport;
    if (!el || !vt) throw new Error('no board or viewport');
    const box = el.getBoundingClientRect();
    const [z = 1, , , , tx = 0, ty = 0] = vt;
    return pts.map(([x, y]) => ({ x: box.left + tx + x * z, y: box.top + ty + y * z }));
  }, points);
}

/** Midpoints of each segment: where a drawn polyline surely left ink. */
export function alongStroke(points: readonly BoardPoint[]): BoardPoint[] {
  return points.slice(1).map((b, i) => {
    const a = points[i] as BoardPoint;
    return [Math.round((a[0] + b[0]) / 2), Math.round((a[1] + b[1]) / 2)];
  });
}

/** A pixel is ink when some channel is clearly below the white sheet (colours count too). */
const INK_BELOW = 200;

/** A screenshot decoded, with its device pixels per CSS pixel. */
interface Shot {
  img: Ppm;
  scale: number;
  png: Buffer;
}

async function shoot(page: EnginePage): Promise<Shot> {
  const cssWidth = await page.evaluate(() => window.innerWidth, null);
  const png = await page.screenshot();
  const img = decodePng(png);
  return { img, scale: img.width / cssWidth, png };
}

/** Inked pixels of a rectangle given in CSS pixels, and all of its pixels. */
function inkIn(shot: Shot, x0: number, y0: number, x1: number, y1: number): { ink: number; all: number } {
  const { img, scale } = shot;
  let ink = 0;
  let all = 0;
  for (
    let py = Math.max(0, Math.round(y0 * scale));
    py < Math.min(img.height, Math.round(y1 * scale));
    py++
  ) {
    for (
      let px = Math.max(0, Math.round(x0 * scale));
      px < Math.min(img.width, Math.round(x1 * scale));
      px++
    ) {
      const i = (py * img.width + px) * 3;
      if (Math.min(img.data[i] ?? 255, img.data[i + 1] ?? 255, img.data[i + 2] ?? 255) < INK_BELOW) ink++;
      all++;
    }
  }
  return { ink, all };
}

/**
 * Polls screenshots until every `inked` board point shows ink (pixels in a small square around
 * it) and every `blank` one shows none: what the screen shows, whatever the canvas, the
 * compositor or the fonts did (a DOM or canvas read would not see a blank frame). The last
 * screenshot goes to test-results/<name>.png for a person to look at.
 */
export async function expectScreenInk(
  page: EnginePage,
  name: string,
  inked: readonly BoardPoint[],
  blank: readonly BoardPoint[],
  timeoutMs = 15_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  const r = 6;
  for (;;) {
    const at = await boardToPage(page, [...inked, ...blank]);
    const shot = await shoot(page);
    const counts = at.map(({ x, y }) => inkIn(shot, x - r, y - r, x + r, y + r).ink);
    const ok = counts.every((c, i) => (i < inked.length ? c >= 3 : c === 0));
    if (ok || Date.now() > end) writeFileSync(resultPath(`${name}.png`), shot.png);
    if (ok) return;
    if (Date.now() > end)
      throw new Error(
        `${page.engine}: expected ink at ${JSON.stringify(inked)} and none at ${JSON.stringify(blank)}; ` +
          `inked pixels ${JSON.stringify(counts)} (test-results/${name}.png)`,
      );
    await sleep(200);
  }
}

/**
 * The share of inked screenshot pixels over a board box (for lettering, which is not a line);
 * the screenshot goes to test-results/<name>.png.
 */
export async function screenInkShare(
  page: EnginePage,
  name: string,
  box: { minX: number; minY: number; maxX: number; maxY: number },
): Promise<number> {
  const [a, b] = await boardToPage(page, [
    [box.minX, box.minY],
    [box.maxX, box.maxY],
  ]);
  if (!a || !b) return 0;
  const shot = await shoot(page);
  writeFileSync(resultPath(`${name}.png`), shot.png);
  const { ink, all } = inkIn(shot, a.x, a.y, b.x, b.y);
  return all > 0 ? ink / all : 0;
}

/**
 * From now on the page keeps its uncaught errors and unhandled rejections, for the flow to
 * assert none happened (drivers differ in what console access they give; this works in all).
 */
export async function trackErrors(page: EnginePage): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __engineErrors?: string[] };
    if (w.__engineErrors) return;
    const errors: string[] = [];
    w.__engineErrors = errors;
    window.addEventListener('error', (e) => errors.push(String(e.message)));
    window.addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));
  }, null);
}

export function pageErrors(page: EnginePage): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __engineErrors?: string[] }).__engineErrors ?? [], null);
}

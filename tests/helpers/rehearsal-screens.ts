import type { Browser, CDPSession, Page } from 'playwright-core';
import { readHook, type BoardPoint } from './browser-pages';

/** The rehearsal's screens, as the issue measured them. */
export const SCREENS = {
  organiser: { width: 1440, height: 900 },
  tablet: { width: 1180, height: 820 },
  projector: { width: 1920, height: 1080 },
  zoom: { width: 1280, height: 720 },
  phonePortrait: { width: 360, height: 740 },
  phoneLandscape: { width: 740, height: 360 },
} as const;

export type ScreenName = keyof typeof SCREENS;

export interface Device {
  name: ScreenName;
  page: Page;
  /** Console errors, uncaught exceptions and failed requests since the page opened. */
  errors: string[];
  /** CDP for the pen (playwright has no pen API). */
  cdp: CDPSession;
  close(): Promise<void>;
}

/** A device of its own (storage, viewport, touch), in Japanese, opened on `url`. */
export async function openDevice(
  browser: Browser,
  name: ScreenName,
  url: string,
  input: { touch?: boolean; mobile?: boolean } = {},
): Promise<Device> {
  const context = await browser.newContext({
    viewport: SCREENS[name],
    deviceScaleFactor: 1,
    hasTouch: input.touch ?? false,
    isMobile: input.mobile ?? false,
    locale: 'ja-JP',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`${res.status()} ${res.url()}`);
  });
  const cdp = await context.newCDPSession(page);
  await page.goto(url);
  return { name, page, errors, cdp, close: () => context.close() };
}

/** The board point's place on the page (CSS px), through the page's own viewport. */
export async function pagePointOf(page: Page, [x, y]: BoardPoint): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('board').boundingBox();
  if (!box) throw new Error('board element has no box');
  const [z = 1, , , , tx = 0, ty = 0] = (await readHook(page)).viewport;
  return { x: box.x + tx + x * z, y: box.y + ty + y * z };
}

/** Pen samples at about 60 Hz with pressure, from Chromium's input layer (pointerType pen). */
export async function penStroke(device: Device, points: readonly BoardPoint[]): Promise<void> {
  const onPage = await Promise.all(points.map((p) => pagePointOf(device.page, p)));
  // Fill in between the corners: a pen reports many samples along a line.
  const samples: { x: number; y: number }[] = [];
  onPage.forEach((p, i) => {
    const prev = onPage[i - 1];
    if (!prev) return samples.push(p);
    for (let k = 1; k <= 8; k++)
      samples.push({ x: prev.x + ((p.x - prev.x) * k) / 8, y: prev.y + ((p.y - prev.y) * k) / 8 });
  });
  const [first, ...rest] = samples;
  if (!first) return;
  const base = { button: 'left', pointerType: 'pen' } as const;
  await device.cdp.send('Input.dispatchMouseEvent', {
    type: 'mousePressed',
    ...first,
    ...base,
    buttons: 1,
    clickCount: 1,
    force: 0.5,
  });
  for (const p of rest) {
    await device.cdp.send('Input.dispatchMouseEvent', {
      type: 'mouseMoved',
      ...p,
      ...base,
      buttons: 1,
      force: 0.6,
    });
    await device.page.waitForTimeout(16);
  }
  const last = rest.at(-1) ?? first;
  await device.cdp.send('Input.dispatchMouseEvent', {
    type: 'mouseReleased',
    ...last,
    ...base,
    buttons: 0,
    clickCount: 1,
  });
}

/** A mouse stroke through board points. */
export async function mouseStroke(page: Page, points: readonly BoardPoint[]): Promise<void> {
  const onPage = await Promise.all(points.map((p) => pagePointOf(page, p)));
  const [first, ...rest] = onPage;
  if (!first) return;
  await page.mouse.move(first.x, first.y);
  await page.mouse.down();
  for (const p of rest) await page.mouse.move(p.x, p.y, { steps: 10 });
  await page.mouse.up();
}

/** Waits until the page holds `count` records and has caught up to `seq`. */
export async function waitForRecords(
  page: Page,
  count: number,
  seq: number,
  timeout = 90_000,
): Promise<void> {
  await page.waitForFunction(
    ([n, s]) => window.__grareco?.objectCount === n && (window.__grareco?.seq ?? 0) >= s,
    [count, seq] as const,
    { timeout, polling: 250 },
  );
}

/** What a control looks like on screen, for a readable failure. */
export interface Placed {
  what: string;
  box: string;
  inside: boolean;
  clipped: boolean;
}

/**
 * Every visible element matching the selectors, with whether it lies wholly inside the
 * viewport and whether its text is cut (scrollWidth past clientWidth: an ellipsis or a clip).
 * A selector that matches nothing visible is reported too: a control that vanished is not whole.
 */
export async function placements(page: Page, selectors: readonly string[]): Promise<Placed[]> {
  return page.evaluate((sels) => {
    const out: Placed[] = [];
    for (const sel of sels) {
      const found = [...document.querySelectorAll<HTMLElement>(sel)].filter((el) => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
      });
      if (found.length === 0) {
        out.push({ what: `${sel} (none visible)`, box: '', inside: false, clipped: false });
        continue;
      }
      for (const el of found) {
        const r = el.getBoundingClientRect();
        const what = `${sel} ${el.dataset['testid'] ?? el.getAttribute('aria-label') ?? ''} "${(el.innerText ?? '').slice(0, 30)}"`;
        out.push({
          what,
          box: `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`,
          inside:
            r.left >= -0.5 && r.top >= -0.5 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5,
          clipped: el.scrollWidth > el.clientWidth + 1,
        });
      }
    }
    return out;
  }, selectors);
}

/** The controls that are cut off or outside the viewport (empty when all are whole). */
export async function cutOff(page: Page, selectors: readonly string[]): Promise<Placed[]> {
  return (await placements(page, selectors)).filter((p) => !p.inside || p.clipped);
}

/** Whether the page scrolls sideways (something reaches past the right edge). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

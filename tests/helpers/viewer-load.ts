import type { Browser, Page } from 'playwright-core';

/** The hall's Wi-Fi as one phone gets it when 250 share it: 1.6 Mbit/s down, 150 ms. */
export const HALL_WIFI = { latencyMs: 150, downBytesPerS: 1_600_000 / 8, upBytesPerS: 750_000 / 8 } as const;
export const PHONE = { width: 360, height: 740 } as const;

export interface ViewerLoad {
  page: Page;
  /** Bytes on the wire (CDP encodedDataLength: headers and compressed bodies). */
  bytes: number;
  requests: number;
  /** Requests for font files, and those for the board's own faces among them. */
  fontRequests: number;
  boardFaceRequests: number;
  /** From navigation to the board drawn online with every font it asked for loaded. */
  firstPaintMs: number;
  /** Bytes per kind of response (script, stylesheet, font, fetch, document, …). */
  bytesByType: Record<string, number>;
  errors: string[];
  close(): Promise<void>;
}

/**
 * Opens a viewer link on a phone-sized page behind an emulated link and counts what crosses
 * it until the first full paint: the board on screen, online, its fonts loaded.
 */
export async function loadViewer(
  browser: Browser,
  url: string,
  link: { latencyMs: number; downBytesPerS: number; upBytesPerS: number } | null = HALL_WIFI,
  /** Refuse the board's faces: the page falls back to the full font's slices (as before). */
  opts: { slicesOnly?: boolean } = {},
): Promise<ViewerLoad> {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 1,
    hasTouch: true,
    isMobile: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  if (opts.slicesOnly) await page.route('**/api/boards/*/fonts?*', (route) => route.abort());
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  if (link) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: link.latencyMs,
      downloadThroughput: link.downBytesPerS,
      uploadThroughput: link.upBytesPerS,
    });
  }
  const kinds = new Map<string, { type: string; url: string }>();
  const load = {
    bytes: 0,
    requests: 0,
    fontRequests: 0,
    boardFaceRequests: 0,
    bytesByType: {} as Record<string, number>,
  };
  cdp.on('Network.responseReceived', (e) => kinds.set(e.requestId, { type: e.type, url: e.response.url }));
  cdp.on('Network.loadingFinished', (e) => {
    const kind = kinds.get(e.requestId) ?? { type: 'Other', url: '' };
    load.bytes += e.encodedDataLength;
    load.requests++;
    load.bytesByType[kind.type] = (load.bytesByType[kind.type] ?? 0) + e.encodedDataLength;
    if (kind.type === 'Font' || /\.woff2?(\?|$)/.test(kind.url)) load.fontRequests++;
    if (kind.url.includes('/api/fonts/')) load.boardFaceRequests++;
  });
  const started = Date.now();
  await page.goto(url);
  await page.waitForSelector('[data-testid="board"] canvas', { timeout: 30_000 });
  await page.waitForFunction(() => window.__grareco?.connection === 'online', null, { timeout: 30_000 });
  await page.evaluate(async () => {
    await document.fonts.ready;
    // The board draws text once its glyphs are in: two frames for that redraw.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await document.fonts.ready;
  });
  const firstPaintMs = Date.now() - started;
  return { page, ...load, firstPaintMs, errors, close: () => context.close() };
}

/** Polls `drawnWithWebFont` (drawing asks the browser for any face still missing). */
export async function waitDrawnWithWebFont(
  page: Page,
  text: string,
  weight: 400 | 700,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await drawnWithWebFont(page, text, weight))) {
    if (Date.now() > deadline) throw new Error(`"${text}" is not drawn with the web font`);
    await page.waitForTimeout(100);
  }
}

/**
 * Whether `text` is drawn with the web font at this weight: the same text drawn with a family
 * no page has differs from it pixel for pixel (the fallback is the system's, or boxes).
 */
export async function drawnWithWebFont(page: Page, text: string, weight: 400 | 700): Promise<boolean> {
  return page.evaluate(
    ({ text, weight }) => {
      const draw = (family: string) => {
        const c = document.createElement('canvas');
        c.width = 400;
        c.height = 60;
        const ctx = c.getContext('2d');
        if (!ctx) throw new Error('no 2d');
        ctx.font = `${weight} 40px ${family}`;
        ctx.fillText(text, 4, 46);
        return ctx.getImageData(0, 0, c.width, c.height).data;
      };
      // The board's stack (client/board/render/text-fonts.ts): its own faces, then the font.
      const web = draw('"Noto Sans JP Board", "Noto Sans JP"');
      const fallback = draw('"no-such-font-anywhere"');
      let differing = 0;
      for (let i = 3; i < web.length; i += 4) if (web[i] !== fallback[i]) differing++;
      return differing > 50;
    },
    { text, weight },
  );
}

import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { fitTransform } from '../../client/board/viewport';
import { boardToPage, readHook, type BoardPoint } from './browser-pages';
import type { CreatedBoard } from './socket-clients';
import { TEST_ADMIN_TOKEN } from './test-server';

/** The part of the board a page shows, in board units, from its viewport and board element. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export async function visibleRect(page: Page): Promise<Rect> {
  const box = await page.getByTestId('board').boundingBox();
  if (!box) throw new Error('board element has no box');
  const [z = 1, , , , tx = 0, ty = 0] = (await readHook(page)).viewport;
  return { x: -tx / z, y: -ty / z, w: box.width / z, h: box.height / z };
}

/**
 * What a fitted recorder sends its followers: the whole-board view of its board element as if
 * nothing were kept clear for its floating controls (BoardCanvas.sharedViewport).
 */
export async function fittedShare(page: Page, board = { width: 3840, height: 2160 }): Promise<Rect> {
  const box = await page.getByTestId('board').boundingBox();
  if (!box) throw new Error('board element has no box');
  const [z, , , , tx, ty] = fitTransform(board, { width: box.width, height: box.height });
  return { x: -tx / z, y: -ty / z, w: box.width / z, h: box.height / z };
}

/**
 * Does `outer` show `inner` as follow mode should: the same centre and the whole of it, one side
 * matching (the other shows more, the screens' shapes differ)? Tolerances in board units.
 */
export function showsRect(outer: Rect, inner: Rect, tol = 4): boolean {
  const centre = (r: Rect) => [r.x + r.w / 2, r.y + r.h / 2] as const;
  const [ox, oy] = centre(outer);
  const [ix, iy] = centre(inner);
  const sameCentre = Math.abs(ox - ix) <= tol && Math.abs(oy - iy) <= tol;
  const contains = outer.w >= inner.w - tol && outer.h >= inner.h - tol;
  const oneSide = Math.abs(outer.w - inner.w) <= tol || Math.abs(outer.h - inner.h) <= tol;
  return sameCentre && contains && oneSide;
}

export async function waitForMode(page: Page, mode: 'follow' | 'fit' | 'free'): Promise<void> {
  await page.waitForFunction(
    (m) => document.querySelector('[data-testid="follow-toggle"]')?.getAttribute('data-mode') === m,
    mode,
  );
}

/** Polls until the page shows the rectangle as follow mode should (after its ~200 ms move). */
export async function waitForRect(page: Page, target: () => Promise<Rect>, timeoutMs = 5_000): Promise<Rect> {
  const deadline = Date.now() + timeoutMs;
  let seen: Rect | null = null;
  let want: Rect | null = null;
  while (Date.now() < deadline) {
    [seen, want] = await Promise.all([visibleRect(page), target()]);
    if (showsRect(seen, want)) return seen;
    await page.waitForTimeout(50);
  }
  throw new Error(`view ${JSON.stringify(seen)} does not show ${JSON.stringify(want)}`);
}

/**
 * Red laser pixels on the laser overlay in a square around a board point (its own canvas, so
 * board ink cannot count).
 */
export async function laserAround(page: Page, x: number, y: number, radiusPx = 8): Promise<number> {
  const at = await boardToPage(page, x, y);
  const box = await page.getByTestId('board').boundingBox();
  if (!box) throw new Error('board element has no box');
  return page.evaluate(
    ({ cx, cy, r }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="laser-overlay"]');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx || canvas.clientWidth === 0) return 0;
      const scale = canvas.width / canvas.clientWidth;
      const x0 = Math.max(0, Math.round((cx - r) * scale));
      const y0 = Math.max(0, Math.round((cy - r) * scale));
      const side = Math.max(1, Math.round(2 * r * scale));
      const d = ctx.getImageData(x0, y0, side, side).data;
      let red = 0;
      for (let i = 0; i < d.length; i += 4) {
        const [rr = 0, g = 0, b = 0, a = 0] = [d[i], d[i + 1], d[i + 2], d[i + 3]];
        if (a > 60 && rr > 150 && g < 110 && b < 110) red++;
      }
      return red;
    },
    { cx: at.x - box.x, cy: at.y - box.y, r: radiusPx },
  );
}

export async function laserAlong(page: Page, points: readonly BoardPoint[]): Promise<number[]> {
  return Promise.all(points.map(([x, y]) => laserAround(page, x, y)));
}

/** A board that starts behind the cover screen. */
export async function createCoveredBoard(
  url: string,
  body: { title: string; coverText?: string; startsAt?: string },
): Promise<CreatedBoard> {
  const res = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, cover: true }),
  });
  if (res.status !== 201) throw new Error(`create board: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedBoard;
}

/**
 * Decodes the QR code as the screen shows it: a screenshot of the element, turned into pixels
 * by the browser itself, read by jsQR.
 */
export async function decodeQr(page: Page): Promise<string | null> {
  const png = await page.getByTestId('qr-code').screenshot();
  const pixels = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(img, 0, 0);
    return { w: c.width, h: c.height, data: Array.from(ctx.getImageData(0, 0, c.width, c.height).data) };
  }, png.toString('base64'));
  const code = jsQR(Uint8ClampedArray.from(pixels.data), pixels.w, pixels.h);
  return code?.data ?? null;
}

/** One pixel of the board's canvas (page CSS pixels relative to the board element). */
export async function canvasPixel(
  page: Page,
  x: number,
  y: number,
): Promise<[number, number, number, number]> {
  return page.evaluate(
    ({ px, py }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board"] canvas');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) throw new Error('no board canvas');
      const scale = canvas.width / canvas.clientWidth;
      const d = ctx.getImageData(Math.round(px * scale), Math.round(py * scale), 1, 1).data;
      return [d[0] ?? 0, d[1] ?? 0, d[2] ?? 0, d[3] ?? 0] as [number, number, number, number];
    },
    { px: x, py: y },
  );
}

export interface LaserSeen {
  x: number;
  y: number;
  /** Date.now() when red was first and last seen there, or null. */
  firstAt: number | null;
  lastAt: number | null;
}

/**
 * Watches the laser overlay every animation frame, in the page itself, so a busy machine's
 * slow round trips cannot miss a trail that lives well under a second.
 */
export async function watchLaser(page: Page, points: readonly BoardPoint[], radiusPx = 8): Promise<void> {
  const box = await page.getByTestId('board').boundingBox();
  if (!box) throw new Error('board element has no box');
  const spots = await Promise.all(
    points.map(async ([x, y]) => {
      const p = await boardToPage(page, x, y);
      return { x, y, sx: p.x - box.x, sy: p.y - box.y };
    }),
  );
  await page.evaluate(
    ({ spots: list, r }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="laser-overlay"]');
      const ctx = canvas?.getContext('2d', { willReadFrequently: true });
      if (!canvas || !ctx) throw new Error('no laser overlay');
      const seen = list.map((s) => ({ ...s, firstAt: null as number | null, lastAt: null as number | null }));
      (window as unknown as { __laserSeen: typeof seen }).__laserSeen = seen;
      const tick = (): void => {
        const scale = canvas.width / Math.max(1, canvas.clientWidth);
        for (const s of seen) {
          const side = Math.max(1, Math.round(2 * r * scale));
          const d = ctx.getImageData(
            Math.round((s.sx - r) * scale),
            Math.round((s.sy - r) * scale),
            side,
            side,
          ).data;
          for (let i = 0; i < d.length; i += 4) {
            if (
              (d[i + 3] ?? 0) > 60 &&
              (d[i] ?? 0) > 150 &&
              (d[i + 1] ?? 255) < 110 &&
              (d[i + 2] ?? 255) < 110
            ) {
              const now = Date.now();
              s.firstAt ??= now;
              s.lastAt = now;
              break;
            }
          }
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    { spots, r: radiusPx },
  );
}

export async function laserSeen(page: Page): Promise<LaserSeen[]> {
  return page.evaluate(() =>
    (window as unknown as { __laserSeen: LaserSeen[] }).__laserSeen.map(({ x, y, firstAt, lastAt }) => ({
      x,
      y,
      firstAt,
      lastAt,
    })),
  );
}

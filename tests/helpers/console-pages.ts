import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import type { Browser, Locator, Page } from 'playwright-core';
import type { BoardSummary } from '../../client/api/admin-api';
import { openPage, type OpenedPage } from './browser-pages';
import { TEST_ADMIN_TOKEN } from './test-server';

/** expect.poll's limits for what the console shows after a request (a busy machine is slow). */
export const POLL = { timeout: 15_000, interval: 100 } as const;

/** The organiser's console at 1280×800, Japanese, with the token adopted from the link. */
export async function openConsole(browser: Browser, url: string): Promise<OpenedPage> {
  const opened = await openPage(browser, `${url}/admin?token=${TEST_ADMIN_TOKEN}`, undefined, {
    locale: 'ja-JP',
  });
  await opened.page.getByTestId('create-form').waitFor();
  await opened.page.getByTestId('board-card').first().waitFor();
  return opened;
}

/** The card of the board with exactly this title (titles may contain one another). */
export function cardOf(page: Page, title: string): Locator {
  return page
    .getByTestId('board-card')
    .filter({ has: page.getByRole('heading', { level: 3, name: title, exact: true }) });
}

/** Fills the title and submits the create form; resolves when the new card is listed. */
export async function createInConsole(page: Page, title: string): Promise<Locator> {
  await page.getByTestId('create-title').fill(title);
  await page.getByTestId('create-submit').click();
  const card = cardOf(page, title);
  await card.waitFor();
  return card;
}

export function cardById(page: Page, id: string): Locator {
  return page.locator(`[data-testid="board-card"][data-board-id="${id}"]`);
}

export async function linkOf(card: Locator, which: 'draw' | 'view' | 'present'): Promise<string> {
  return card.getByTestId(`link-${which}`).locator('input').inputValue();
}

/** Clicks a button that downloads a file; returns the suggested name and the bytes. */
export async function downloadVia(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  // A generous wait, not a bound: a publish bundle of a big board takes tens of seconds on a loaded CI machine.
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), button.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

export async function adminJson<T>(url: string, path: string): Promise<T> {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
}

export async function summaryOf(url: string, id: string): Promise<BoardSummary | undefined> {
  const { boards } = await adminJson<{ boards: BoardSummary[] }>(url, '/api/boards');
  return boards.find((b) => b.id === id);
}

/** Reads a QR code <img> (a data URL) through the browser's own decoder and jsQR. */
export async function decodeQrImage(img: Locator): Promise<string | null> {
  const src = await img.getAttribute('src');
  if (!src) return null;
  const pixels = await img.page().evaluate(async (data) => {
    const image = new Image();
    image.src = data;
    await image.decode();
    const c = document.createElement('canvas');
    c.width = image.naturalWidth;
    c.height = image.naturalHeight;
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(image, 0, 0);
    return { w: c.width, h: c.height, data: Array.from(ctx.getImageData(0, 0, c.width, c.height).data) };
  }, src);
  return jsQR(Uint8ClampedArray.from(pixels.data), pixels.w, pixels.h)?.data ?? null;
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

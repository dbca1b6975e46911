import type { Page } from 'playwright-core';
import { applyToPoint, IDENTITY } from '../../shared/geometry/matrix';
import type { BoardObject } from '../../shared/objects/board-object';
import type { Transform } from '../../shared/objects/placement';
import { boardToPage, readHook, type BoardPoint } from './browser-pages';
import { keyOf, type CreatedBoard } from './socket-clients';

/** The board's records as the server has them (the view key's document). */
export async function serverObjects(url: string, board: CreatedBoard): Promise<BoardObject[]> {
  const res = await fetch(`${url}/api/boards/${board.id}?key=${encodeURIComponent(keyOf(board.links.view))}`);
  if (!res.ok) throw new Error(`board document: ${res.status}`);
  return ((await res.json()) as { objects: BoardObject[] }).objects;
}

/** Drags with the mouse between board points (the current tool does what it does with it). */
export async function dragBoard(page: Page, from: BoardPoint, to: BoardPoint, steps = 12): Promise<void> {
  const a = await boardToPage(page, from[0], from[1]);
  const b = await boardToPage(page, to[0], to[1]);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps });
  await page.mouse.up();
}

/** Drags between page points (handles sit at fixed screen distances). */
export async function dragPage(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
  steps = 12,
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

export async function clickBoard(page: Page, at: BoardPoint, modifiers: 'Shift'[] = []): Promise<void> {
  const p = await boardToPage(page, at[0], at[1]);
  for (const m of modifiers) await page.keyboard.down(m);
  await page.mouse.click(p.x, p.y);
  for (const m of modifiers) await page.keyboard.up(m);
}

/** Centre (page coordinates) of a selection handle: corner 0–3 clockwise from top-left, or rotate. */
export async function handleCentre(page: Page, which: number | 'rotate'): Promise<{ x: number; y: number }> {
  const locator =
    which === 'rotate'
      ? page.locator('[data-testid="selection-overlay"] [data-handle="rotate"]')
      : page.locator('[data-testid="selection-overlay"] [data-handle="corner"]').nth(which);
  const box = await locator.boundingBox();
  if (!box) throw new Error(`no ${which} handle`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Board points of a stroke's input points through its transform (where its ink is). */
export function placedPoints(record: BoardObject): BoardPoint[] {
  if (record.type !== 'stroke') throw new Error('not a stroke');
  const m: Transform = record.transform ?? IDENTITY;
  return record.points.map(([x, y]) => applyToPoint(m, x, y));
}

/** Waits until the page has applied everything up to the server's seq. */
export async function waitForSeq(page: Page, seq: number): Promise<void> {
  await page.waitForFunction((s) => (window.__grareco?.seq ?? 0) >= s, seq);
}

/** Waits until a recorder page has every op acknowledged; returns its seq. */
export async function settled(page: Page): Promise<number> {
  await page.waitForFunction(() => window.__grareco?.saveState === 'saved');
  return (await readHook(page)).seq;
}

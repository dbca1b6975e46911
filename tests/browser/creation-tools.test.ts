import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardObject } from '../../shared/objects/board-object';
import type { ImageRecord } from '../../shared/objects/image';
import type { ShapeRecord } from '../../shared/objects/shape';
import type { StampRecord } from '../../shared/objects/stamp';
import { STAMP_NAMES } from '../../shared/stamps/library';
import {
  boardToPage,
  openPage,
  readHook,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { GIF_1X1, makePng } from '../helpers/images';
import { inkShareIn, type BoardBox } from '../helpers/ink-map';
import { createBoard, getBoardDoc, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { TEST_ADMIN_TOKEN } from '../helpers/test-server';

async function objectsOf(env: BrowserBoard, board: CreatedBoard): Promise<BoardObject[]> {
  return (await getBoardDoc(env.url, board.id, keyOf(board.links.view))).body.objects as BoardObject[];
}

/** A placed record's box on the board (records here are only translated). */
function boxOf(o: { w: number; h: number; transform: readonly number[] }): BoardBox {
  const [, , , , x = 0, y = 0] = o.transform;
  return { minX: x, minY: y, maxX: x + o.w, maxY: y + o.h };
}

async function waitSaved(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => window.__grareco?.objectCount === n && window.__grareco.saveState === 'saved',
    count,
  );
}

/** A mouse drag between two board points, in steps (the preview follows it). */
async function dragOnBoard(page: Page, from: BoardPoint, to: BoardPoint): Promise<void> {
  const a = await boardToPage(page, from[0], from[1]);
  const b = await boardToPage(page, to[0], to[1]);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
}

/** An image chosen waits to be placed: Enter puts it at the preview (the view's middle at first). */
async function placeWithEnter(page: Page): Promise<void> {
  await page.getByTestId('image-placement').waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('image-placement').waitFor({ state: 'detached' });
}

/** The refused upload's own 415/413 answers are expected; anything else is an error. */
function unexpected(errors: readonly string[]): string[] {
  return errors.filter((e) => !/\b(415|413)\b/.test(e));
}

const KINDS = ['rect', 'roundRect', 'ellipse', 'line', 'arrow', 'curvedArrow', 'bubble', 'banner'] as const;

describe('creation tools: shapes, stamps, images', () => {
  let env: BrowserBoard;

  beforeAll(async () => {
    env = await startBrowserBoard();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('draws every shape kind by dragging; lines keep their direction; the fill toggle tints', async () => {
    const board = await createBoard(env.url, TEST_ADMIN_TOKEN, '図形');
    const recorder = await openPage(env.browser, board.links.draw);
    const viewer = await openPage(env.browser, board.links.view);
    const { page } = recorder;
    await waitForBoard(page);
    await waitForBoard(viewer.page);
    await page.getByTestId('color-2').click();
    await page.getByTestId('size-2').click();

    for (const [i, kind] of KINDS.entries()) {
      await page.getByTestId('tool-shape').click();
      if ((await page.getByTestId('shape-picker').count()) === 0)
        await page.getByTestId('tool-shape').click();
      if (i === 0) await screenshot(page, 'shape-picker');
      await page.getByTestId(`shape-${kind}`).click();
      expect(await page.getByTestId('shape-picker').count()).toBe(0);
      const x = 300 + (i % 4) * 900;
      const y = 300 + Math.floor(i / 4) * 900;
      // The arrow is drawn right to left and bottom to top: flipped both ways.
      if (kind === 'arrow') await dragOnBoard(page, [x + 600, y + 500], [x, y]);
      else await dragOnBoard(page, [x, y], [x + 600, y + 500]);
      await waitSaved(page, i + 1);
    }
    await page.keyboard.press('r');
    expect(await page.getByTestId('tool-shape').getAttribute('aria-pressed')).toBe('true');

    const shapes = (await objectsOf(env, board)) as ShapeRecord[];
    expect(shapes.map((s) => s.shape)).toEqual([...KINDS]);
    for (const s of shapes) {
      expect(s).toMatchObject({ type: 'shape', stroke: '#d9480f', fill: null, strokeWidth: 16 });
      expect(Math.abs(s.w - 600)).toBeLessThan(4);
      expect(Math.abs(s.h - 500)).toBeLessThan(4);
    }
    const arrow = shapes.find((s) => s.shape === 'arrow');
    expect(arrow).toMatchObject({ flipX: true, flipY: true });
    expect(shapes.find((s) => s.shape === 'line')).toMatchObject({ flipX: false, flipY: false });
    expect(shapes.find((s) => s.shape === 'curvedArrow')?.bend).toBeCloseTo(0.3);

    // Fill on: a light tint of the colour; a click without a drag makes a default-sized shape.
    await page.getByTestId('tool-shape').click();
    if ((await page.getByTestId('shape-picker').count()) === 0) await page.getByTestId('tool-shape').click();
    await page.getByTestId('shape-fill').check();
    await page.getByTestId('shape-ellipse').click();
    const c = await boardToPage(page, 3000, 1900);
    await page.mouse.click(c.x, c.y);
    await waitSaved(page, KINDS.length + 1);
    const filled = (await objectsOf(env, board)).at(-1) as ShapeRecord;
    expect(filled).toMatchObject({ shape: 'ellipse', stroke: '#d9480f' });
    expect(filled.fill).toMatch(/^#f[0-9a-f]{5}$/);
    expect(filled.w).toBeGreaterThan(100);

    await viewer.page.waitForFunction((n) => window.__grareco?.objectCount === n, KINDS.length + 1);
    // The viewer draws each one: ink in every box, and the filled ellipse is tinted inside.
    for (const s of [...shapes, filled]) {
      await expect.poll(() => inkShareIn(viewer.page, boxOf(s)), { message: s.shape }).toBeGreaterThan(0.01);
    }
    const middle = boxOf(filled);
    const inner = {
      minX: middle.minX + filled.w * 0.4,
      maxX: middle.maxX - filled.w * 0.4,
      minY: middle.minY + filled.h * 0.4,
      maxY: middle.maxY - filled.h * 0.4,
    };
    expect(await inkShareIn(viewer.page, inner)).toBe(0); // a light tint, not ink
    await screenshot(page, 'shapes-recorder');
    await screenshot(viewer.page, 'shapes-viewer');
    expect(recorder.errors).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await recorder.close();
    await viewer.close();
  });

  it('the stamp picker lists every stamp; a click places the picked one', async () => {
    const board = await createBoard(env.url, TEST_ADMIN_TOKEN, 'スタンプ');
    const recorder = await openPage(env.browser, board.links.draw);
    const viewer = await openPage(env.browser, board.links.view);
    const { page } = recorder;
    await waitForBoard(page);
    await waitForBoard(viewer.page);
    await page.getByTestId('color-4').click();
    await page.getByTestId('tool-stamp').click();
    const picker = page.getByTestId('stamp-picker');
    await picker.waitFor();
    const names = await picker
      .locator('button')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-testid')));
    expect(names).toEqual(STAMP_NAMES.map((n) => `stamp-${n}`));
    // Each shows its icon (inline SVG from the shared paths) and its name.
    expect(await picker.locator('button svg path').count()).toBeGreaterThan(STAMP_NAMES.length);
    expect(await page.getByTestId('stamp-light-bulb').getAttribute('title')).toBe('ひらめき');
    await screenshot(page, 'stamp-picker');
    await page.getByTestId('stamp-light-bulb').click();
    expect(await picker.count()).toBe(0);

    const at = await boardToPage(page, 2000, 1000);
    await page.mouse.click(at.x, at.y);
    await waitSaved(page, 1);
    const [stamp] = (await objectsOf(env, board)) as StampRecord[];
    expect(stamp).toMatchObject({
      type: 'stamp',
      stamp: 'light-bulb',
      color: '#2f9e44',
      w: 240,
      h: 240,
      transform: [1, 0, 0, 1, 1880, 880],
    });
    await viewer.page.waitForFunction(() => window.__grareco?.objectCount === 1);
    if (stamp) await expect.poll(() => inkShareIn(viewer.page, boxOf(stamp))).toBeGreaterThan(0.02);
    await screenshot(viewer.page, 'stamp-viewer');
    expect(recorder.errors).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await recorder.close();
    await viewer.close();
  });

  it('uploads a PNG as an image record fitted in a third of the board, placed in the view', async () => {
    const board = await createBoard(env.url, TEST_ADMIN_TOKEN, '画像');
    const recorder = await openPage(env.browser, board.links.draw);
    const viewer = await openPage(env.browser, board.links.view);
    const { page } = recorder;
    await waitForBoard(page);
    await waitForBoard(viewer.page);

    await page.getByTestId('image-input').setInputFiles({
      name: 'speaker.png',
      mimeType: 'image/png',
      buffer: makePng(3000, 1500),
    });
    // The placement step: Enter places it where the preview starts, the middle of the view.
    await placeWithEnter(page);
    await waitSaved(page, 1);
    const [image] = (await objectsOf(env, board)) as ImageRecord[];
    expect(image).toMatchObject({ type: 'image', w: 1280, h: 640, transform: [1, 0, 0, 1, 1280, 760] });
    expect(image?.assetId).toMatch(/^[0-9a-f]{64}$/);
    await viewer.page.waitForFunction(() => window.__grareco?.objectCount === 1);
    // The viewer loads the asset with its own key and draws it (an orange block).
    if (image) await expect.poll(() => inkShareIn(viewer.page, boxOf(image))).toBeGreaterThan(0.9);

    // A small image keeps its own size.
    await page.getByTestId('image-input').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: makePng(200, 100, [30, 120, 220]),
    });
    await placeWithEnter(page);
    await waitSaved(page, 2);
    expect((await objectsOf(env, board))[1]).toMatchObject({ type: 'image', w: 200, h: 100 });
    expect(await page.getByTestId('image-error').count()).toBe(0);
    await screenshot(page, 'image-upload');
    expect(recorder.errors).toEqual([]);
    expect(viewer.errors).toEqual([]);
    await recorder.close();
    await viewer.close();
  });

  it('refuses a GIF, text bytes named .png and an oversized file with a clear message, adding nothing', async () => {
    const board = await createBoard(env.url, TEST_ADMIN_TOKEN, '画像エラー');
    const recorder = await openPage(env.browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    const error = page.getByTestId('image-error');

    await page.getByTestId('image-input').setInputFiles({
      name: 'anim.gif',
      mimeType: 'image/gif',
      buffer: GIF_1X1,
    });
    await error.waitFor();
    expect(await error.getAttribute('data-error')).toBe('unsupported');
    expect(await error.textContent()).toContain('この画像は使えません（PNG・JPEG・WebPのみ）');
    await screenshot(page, 'image-refused');
    await error.getByRole('button').click();
    await error.waitFor({ state: 'detached' });

    await page.getByTestId('image-input').setInputFiles({
      name: 'notes.png',
      mimeType: 'image/png',
      buffer: Buffer.from('これは画像ではありません'),
    });
    await error.waitFor();
    expect(await error.getAttribute('data-error')).toBe('unsupported');
    await error.getByRole('button').click();

    await page.getByTestId('image-input').setInputFiles({
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: Buffer.alloc(8 * 1024 * 1024 + 1, 1),
    });
    await error.waitFor();
    expect(await error.getAttribute('data-error')).toBe('too_large');
    expect(await error.textContent()).toContain('画像が大きすぎます');

    await page.waitForTimeout(200);
    expect((await readHook(page)).objectCount).toBe(0);
    expect(await objectsOf(env, board)).toEqual([]);
    expect(unexpected(recorder.errors)).toEqual([]);
    await recorder.close();
  });

  it('pastes an image from the clipboard; offline, an image is refused, not queued', async () => {
    const board = await createBoard(env.url, TEST_ADMIN_TOKEN, '貼り付け');
    const recorder = await openPage(env.browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);

    const png = makePng(120, 80).toString('base64');
    const paste = (b64: string) =>
      page.evaluate((data) => {
        const bytes = Uint8Array.from(atob(data), (ch) => ch.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], 'clip.png', { type: 'image/png' }));
        window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true }));
      }, b64);
    await paste(png);
    await placeWithEnter(page);
    await waitSaved(page, 1);
    expect((await objectsOf(env, board))[0]).toMatchObject({ type: 'image', w: 120, h: 80 });

    await page.context().setOffline(true);
    await page.waitForFunction(() => window.__grareco?.connection === 'offline');
    await paste(png);
    const error = page.getByTestId('image-error');
    await error.waitFor();
    expect(await error.getAttribute('data-error')).toBe('offline');
    expect((await readHook(page)).objectCount).toBe(1);
    await page.context().setOffline(false);
    await page.waitForFunction(() => window.__grareco?.connection === 'online');
    await page.waitForTimeout(200);
    expect(await objectsOf(env, board)).toHaveLength(1);
    await recorder.close();
  });
});

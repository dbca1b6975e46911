import type { Page } from 'playwright-core';
import { readHook } from './browser-pages';

/** A box on the board, in board units. */
export interface BoardBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Ink map: for each cell of a grid over the board, the share of inked pixels in it. */
export interface InkGrid {
  cols: number;
  rows: number;
  share: number[];
}

/**
 * A pixel is ink when it is clearly not the white sheet: any channel under 200. (Colours count
 * too: a green stamp or a blue arrow is ink although it is not dark.)
 */
const INK_BELOW = 200;

/**
 * The share of inked pixels of the board canvas over a board box (read from the canvas itself,
 * through the page's viewport; overlays cannot fake or hide ink).
 */
export async function inkShareIn(page: Page, box: BoardBox): Promise<number> {
  const { viewport } = await readHook(page);
  return page.evaluate(
    ({ box, vt, below }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board"] canvas');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) throw new Error('no board canvas');
      const scale = canvas.width / canvas.clientWidth;
      const [z = 1, , , , tx = 0, ty = 0] = vt;
      const x0 = Math.max(0, Math.floor((box.minX * z + tx) * scale));
      const y0 = Math.max(0, Math.floor((box.minY * z + ty) * scale));
      const x1 = Math.min(canvas.width, Math.ceil((box.maxX * z + tx) * scale));
      const y1 = Math.min(canvas.height, Math.ceil((box.maxY * z + ty) * scale));
      if (x1 <= x0 || y1 <= y0) return 0;
      const data = ctx.getImageData(x0, y0, x1 - x0, y1 - y0).data;
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.min(data[i] ?? 255, data[i + 1] ?? 255, data[i + 2] ?? 255) < below) ink++;
      }
      return ink / (data.length / 4);
    },
    { box, vt: viewport, below: INK_BELOW },
  );
}

/** The ink grid of the page's board canvas (cols × rows cells over the whole board). */
export async function canvasInkGrid(
  page: Page,
  board: { width: number; height: number },
  cols: number,
  rows: number,
): Promise<InkGrid> {
  const { viewport } = await readHook(page);
  const share = await page.evaluate(
    ({ board, cols, rows, vt, below }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board"] canvas');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) throw new Error('no board canvas');
      const scale = canvas.width / canvas.clientWidth;
      const [z = 1, , , , tx = 0, ty = 0] = vt;
      const all = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const out: number[] = [];
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const x0 = Math.floor((((c * board.width) / cols) * z + tx) * scale);
          const x1 = Math.floor(((((c + 1) * board.width) / cols) * z + tx) * scale);
          const y0 = Math.floor((((r * board.height) / rows) * z + ty) * scale);
          const y1 = Math.floor(((((r + 1) * board.height) / rows) * z + ty) * scale);
          let ink = 0;
          let n = 0;
          for (let y = Math.max(0, y0); y < Math.min(canvas.height, y1); y++) {
            for (let x = Math.max(0, x0); x < Math.min(canvas.width, x1); x++) {
              const i = (y * canvas.width + x) * 4;
              if (Math.min(all[i] ?? 255, all[i + 1] ?? 255, all[i + 2] ?? 255) < below) ink++;
              n++;
            }
          }
          out.push(n > 0 ? ink / n : 0);
        }
      }
      return out;
    },
    { board, cols, rows, vt: viewport, below: INK_BELOW },
  );
  return { cols, rows, share };
}

/**
 * The ink grid of a PNG (an export of the whole board, no margins), decoded by the page's
 * own image decoder.
 */
export async function pngInkGrid(page: Page, png: Buffer, cols: number, rows: number): Promise<InkGrid> {
  const share = await page.evaluate(
    async ({ src, cols, rows, below }) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(img, 0, 0);
      const all = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const out: number[] = [];
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const x0 = Math.floor((c * canvas.width) / cols);
          const x1 = Math.floor(((c + 1) * canvas.width) / cols);
          const y0 = Math.floor((r * canvas.height) / rows);
          const y1 = Math.floor(((r + 1) * canvas.height) / rows);
          let ink = 0;
          let n = 0;
          for (let y = y0; y < y1; y++) {
            for (let x = x0; x < x1; x++) {
              const i = (y * canvas.width + x) * 4;
              if (Math.min(all[i] ?? 255, all[i + 1] ?? 255, all[i + 2] ?? 255) < below) ink++;
              n++;
            }
          }
          out.push(n > 0 ? ink / n : 0);
        }
      }
      return out;
    },
    { src: `data:image/png;base64,${png.toString('base64')}`, cols, rows, below: INK_BELOW },
  );
  return { cols, rows, share };
}

/** Cells where one grid has ink (over `min` of its pixels) and the other has none at all. */
export function inkMismatches(a: InkGrid, b: InkGrid, min = 0.01): number[] {
  const out: number[] = [];
  a.share.forEach((s, i) => {
    const t = b.share[i] ?? 0;
    if ((s > min && t === 0) || (t > min && s === 0)) out.push(i);
  });
  return out;
}

/**
 * The bounds (board units) of the ink inside a board box, on the page's canvas, or null when
 * there is none: to compare where text lands on screen and in an export.
 */
export async function canvasInkBounds(page: Page, box: BoardBox): Promise<BoardBox | null> {
  const { viewport } = await readHook(page);
  return page.evaluate(
    ({ box, vt, below }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="board"] canvas');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) throw new Error('no board canvas');
      const scale = canvas.width / canvas.clientWidth;
      const [z = 1, , , , tx = 0, ty = 0] = vt;
      const k = z * scale;
      const x0 = Math.max(0, Math.floor(box.minX * k + tx * scale));
      const y0 = Math.max(0, Math.floor(box.minY * k + ty * scale));
      const x1 = Math.min(canvas.width, Math.ceil(box.maxX * k + tx * scale));
      const y1 = Math.min(canvas.height, Math.ceil(box.maxY * k + ty * scale));
      const w = x1 - x0;
      const data = ctx.getImageData(x0, y0, w, y1 - y0).data;
      let out: { minX: number; minY: number; maxX: number; maxY: number } | null = null;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.min(data[i] ?? 255, data[i + 1] ?? 255, data[i + 2] ?? 255) >= below) continue;
        const px = x0 + ((i / 4) % w);
        const py = y0 + Math.floor(i / 4 / w);
        const bx = (px - tx * scale) / k;
        const by = (py - ty * scale) / k;
        out = out
          ? {
              minX: Math.min(out.minX, bx),
              minY: Math.min(out.minY, by),
              maxX: Math.max(out.maxX, bx),
              maxY: Math.max(out.maxY, by),
            }
          : { minX: bx, minY: by, maxX: bx, maxY: by };
      }
      return out;
    },
    { box, vt: viewport, below: INK_BELOW },
  );
}

/** The same for a PNG export of the whole board (board width → image width). */
export async function pngInkBounds(
  page: Page,
  png: Buffer,
  board: { width: number; height: number },
  box: BoardBox,
): Promise<BoardBox | null> {
  return page.evaluate(
    async ({ src, board, box, below }) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(img, 0, 0);
      const k = canvas.width / board.width;
      const x0 = Math.max(0, Math.floor(box.minX * k));
      const y0 = Math.max(0, Math.floor(box.minY * k));
      const x1 = Math.min(canvas.width, Math.ceil(box.maxX * k));
      const y1 = Math.min(canvas.height, Math.ceil(box.maxY * k));
      const w = x1 - x0;
      const data = ctx.getImageData(x0, y0, w, y1 - y0).data;
      let out: { minX: number; minY: number; maxX: number; maxY: number } | null = null;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.min(data[i] ?? 255, data[i + 1] ?? 255, data[i + 2] ?? 255) >= below) continue;
        const bx = (x0 + ((i / 4) % w)) / k;
        const by = (y0 + Math.floor(i / 4 / w)) / k;
        out = out
          ? {
              minX: Math.min(out.minX, bx),
              minY: Math.min(out.minY, by),
              maxX: Math.max(out.maxX, bx),
              maxY: Math.max(out.maxY, by),
            }
          : { minX: bx, minY: by, maxX: bx, maxY: by };
      }
      return out;
    },
    { src: `data:image/png;base64,${png.toString('base64')}`, board, box, below: INK_BELOW },
  );
}

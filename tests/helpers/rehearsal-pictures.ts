import { writeFileSync } from 'node:fs';
import { readHook, type BoardPoint } from './browser-pages';
import type { BoardBox } from './ink-map';
import { decodePng } from './png-decode';
import type { Ppm } from './ppm';
import type { Device } from './rehearsal-screens';
import { resultPath } from './test-results';

/** A pixel is ink when some channel is clearly below the white sheet (colours count too). */
const INK_BELOW = 200;

/** Ink pixels of a screenshot in a rectangle of page pixels. */
export function inkPixels(img: Ppm, x0: number, y0: number, x1: number, y1: number): number {
  let ink = 0;
  for (let py = Math.max(0, Math.round(y0)); py <= Math.min(img.height - 1, Math.round(y1)); py++) {
    for (let px = Math.max(0, Math.round(x0)); px <= Math.min(img.width - 1, Math.round(x1)); px++) {
      const i = (py * img.width + px) * 3;
      if (Math.min(img.data[i] ?? 255, img.data[i + 1] ?? 255, img.data[i + 2] ?? 255) < INK_BELOW) ink++;
    }
  }
  return ink;
}

/** The page as the person in front of it sees it, kept in test-results for a person to look at. */
export async function takePicture(device: Device, name: string): Promise<Ppm> {
  // Japanese glyphs come from a web font: a picture taken before it is in shows blanks.
  await device.page.evaluate(() => document.fonts.ready);
  const png = await device.page.screenshot();
  writeFileSync(resultPath(`rehearsal-day-${name}.png`), png);
  return decodePng(png);
}

export interface Spots {
  /** Board points that must show ink, with nothing of the page over them. */
  ink: readonly BoardPoint[];
  /** Board points that must show the bare sheet, with nothing of the page over them either. */
  blank: readonly BoardPoint[];
  /** Board boxes (lettering: a glyph's middle may be blank) that must show some ink. */
  boxes?: readonly BoardBox[];
  /** A board box (the sheet's content) whose every point of a 32×18 grid must be on screen with the board on top. */
  open?: BoardBox;
}

const GRID = { cols: 32, rows: 18 } as const;

function gridOf(box: BoardBox): BoardPoint[] {
  const out: BoardPoint[] = [];
  for (let r = 0; r < GRID.rows; r++)
    for (let c = 0; c < GRID.cols; c++)
      out.push([
        box.minX + ((box.maxX - box.minX) * c) / (GRID.cols - 1),
        box.minY + ((box.maxY - box.minY) * r) / (GRID.rows - 1),
      ]);
  return out;
}

interface Seen {
  at: BoardPoint;
  px: { x: number; y: number };
  ink: number;
  /** What lies on top there when it is not the board: its testid, class or tag. */
  over: string | null;
  offScreen: boolean;
}

/** Half the side of the square looked at: about 16 board units, at least 2 px. */
function radiusOf(z: number): number {
  return Math.max(2, Math.round(16 * z));
}

interface Looked {
  ink: Seen[];
  blank: Seen[];
  boxes: Seen[];
  open: Seen[];
}

/** What lies on top at each page point: null where it is the board, else its testid, class or tag. */
function onTop(
  page: Device['page'],
  points: readonly { x: number; y: number }[],
): Promise<(string | null)[]> {
  return page.evaluate(
    (list) =>
      list.map(({ x, y }) => {
        const el = document.elementFromPoint(x, y);
        if (!el) return 'nothing (off the page)';
        if (el.closest('[data-testid="board"]')) return null;
        const h = el as HTMLElement;
        return h.dataset['testid'] ?? (h.className ? `.${String(h.className)}` : h.tagName.toLowerCase());
      }),
    points,
  );
}

async function look(device: Device, name: string, spots: Spots): Promise<Looked> {
  const { page } = device;
  const img = await takePicture(device, name);
  const box = await page.getByTestId('board').boundingBox();
  if (!box) throw new Error(`${device.name}: the board element has no box`);
  const [z = 1, , , , tx = 0, ty = 0] = (await readHook(page)).viewport;
  const view = page.viewportSize() ?? { width: img.width, height: img.height };
  const toPage = ([x, y]: BoardPoint) => ({ x: box.x + tx + x * z, y: box.y + ty + y * z });
  const off = (p: { x: number; y: number }) => p.x < 0 || p.y < 0 || p.x >= view.width || p.y >= view.height;
  const r = radiusOf(z);
  const seenAll = async (
    points: readonly BoardPoint[],
    inkOf: (at: BoardPoint) => number,
  ): Promise<Seen[]> => {
    const px = points.map(toPage);
    const over = await onTop(page, px);
    return points.map((at, i) => {
      const p = px[i] ?? { x: -1, y: -1 };
      return { at, px: p, ink: inkOf(at), over: over[i] ?? null, offScreen: off(p) };
    });
  };
  const around = (at: BoardPoint) => {
    const p = toPage(at);
    return inkPixels(img, p.x - r, p.y - r, p.x + r, p.y + r);
  };
  const boxes = spots.boxes ?? [];
  const centres = boxes.map((b): BoardPoint => [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2]);
  const boxed = (await seenAll(centres, () => 0)).map((seen, i) => {
    const b = boxes[i] as BoardBox;
    const [p0, p1] = [toPage([b.minX, b.minY]), toPage([b.maxX, b.maxY])];
    const inside = !off(p0) && p1.x <= view.width && p1.y <= view.height;
    return { ...seen, ink: inkPixels(img, p0.x, p0.y, p1.x, p1.y), offScreen: seen.offScreen || !inside };
  });
  return {
    ink: await seenAll(spots.ink, around),
    blank: await seenAll(spots.blank, around),
    boxes: boxed,
    open: spots.open ? await seenAll(gridOf(spots.open), () => 0) : [],
  };
}

function problemsOf(result: Looked): string[] {
  const out: string[] = [];
  const where = (s: Seen) => `board ${s.at.join(',')} at ${Math.round(s.px.x)},${Math.round(s.px.y)} px`;
  for (const s of [...result.ink, ...result.boxes]) {
    if (s.offScreen) out.push(`${where(s)}: off the screen (the board is cut off)`);
    else if (s.over) out.push(`${where(s)}: covered by ${s.over}`);
    else if (s.ink === 0) out.push(`${where(s)}: no ink in the screenshot`);
  }
  for (const s of result.blank) {
    if (s.offScreen) out.push(`${where(s)}: off the screen (the board is cut off)`);
    else if (s.over) out.push(`${where(s)}: covered by ${s.over}`);
    else if (s.ink > 0) out.push(`${where(s)}: ${s.ink} ink pixels where the board is blank`);
  }
  const shut = result.open.filter((s) => s.offScreen || s.over);
  for (const s of shut.slice(0, 6))
    out.push(`${where(s)}: ${s.offScreen ? 'off the screen' : `covered by ${s.over}`} (sheet grid)`);
  if (shut.length > 6) out.push(`… and ${shut.length - 6} more points of the sheet grid`);
  return out;
}

/**
 * Takes screenshots until the ink spots show ink and the blank spots none (live ops take a
 * moment to paint on a busy machine), then returns what is still wrong: empty when the picture
 * is right. Each problem names the board point, the screen pixel and what is wrong there.
 */
export async function pictureProblems(
  device: Device,
  name: string,
  spots: Spots,
  timeoutMs = 20_000,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let problems: string[] = [];
  do {
    problems = problemsOf(await look(device, name, spots));
    if (problems.length === 0) return [];
    await device.page.waitForTimeout(500);
  } while (Date.now() < deadline);
  return problems;
}

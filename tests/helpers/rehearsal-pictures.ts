import { writeFileSync } from 'node:fs';
import type { BoardPoint } from './browser-pages';
import type { BoardBox } from './ink-map';
import { decodePng } from './png-decode';
import type { Ppm } from './ppm';
import { pagePointOf, type Device } from './rehearsal-screens';
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
}

async function look(device: Device, name: string, spots: Spots): Promise<Looked> {
  const { page } = device;
  const img = await takePicture(device, name);
  const [z = 1] = (await page.evaluate(() => [...(window.__grareco?.viewport ?? [1])])) as number[];
  const view = page.viewportSize() ?? { width: img.width, height: img.height };
  const r = radiusOf(z);
  const seen = async (at: BoardPoint): Promise<Seen> => {
    const px = await pagePointOf(page, at);
    const offScreen = px.x < 0 || px.y < 0 || px.x >= view.width || px.y >= view.height;
    const over = await page.evaluate(
      ([x, y]) => {
        const el = document.elementFromPoint(x, y);
        if (!el) return 'nothing (off the page)';
        if (el.closest('[data-testid="board"]')) return null;
        const h = el as HTMLElement;
        return h.dataset['testid'] ?? (h.className ? `.${String(h.className)}` : h.tagName.toLowerCase());
      },
      [px.x, px.y] as const,
    );
    return { at, px, ink: inkPixels(img, px.x - r, px.y - r, px.x + r, px.y + r), over, offScreen };
  };
  const boxed = async (b: BoardBox): Promise<Seen> => {
    const centre = await seen([(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2]);
    const [p0, p1] = await Promise.all([
      pagePointOf(page, [b.minX, b.minY]),
      pagePointOf(page, [b.maxX, b.maxY]),
    ]);
    const inside = p0.x >= 0 && p0.y >= 0 && p1.x <= view.width && p1.y <= view.height;
    const ink = inkPixels(img, p0.x, p0.y, p1.x, p1.y);
    return { ...centre, ink, offScreen: centre.offScreen || !inside };
  };
  return {
    ink: await Promise.all(spots.ink.map(seen)),
    blank: await Promise.all(spots.blank.map(seen)),
    boxes: await Promise.all((spots.boxes ?? []).map(boxed)),
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

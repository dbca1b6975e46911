import type { Stroke } from '../../shared/objects/stroke';
import type { Op } from '../../shared/ops';
import type { BoardPoint } from './browser-pages';
import { addOp } from './fixtures';
import { connectClient, keyOf, sendAll } from './socket-clients';

/**
 * Where the rehearsal's ink goes on the seminar's 3840×2160 board (board units). The
 * programme's template takes the top (title, then the row of agenda boxes, down to y ≈ 470);
 * the recorder's notes fill the left under it; the right column is kept for what is drawn by
 * hand, one band per phase, with blank board between the bands so a screen that shows ink
 * where there is none (or a band too early) is caught.
 */
export const ZONES = {
  seeded: { minX: 120, minY: 600, maxX: 2540, maxY: 2020 },
  heading: { x: 2760, y: 640 },
  hand: { minX: 2760, minY: 880, maxX: 3640, maxY: 1240 },
  offline: { minX: 2760, minY: 1480, maxX: 3640, maxY: 1960 },
} as const;

/** Blank board, 100 units or more from any ink: between the bands, beside the notes, right of both. */
export const BLANK_SPOTS: readonly BoardPoint[] = [
  [3200, 1360],
  [2650, 1750],
  [3740, 1700],
];

/** The heading the recorder types by hand (heading size), and what pdftotext must find. */
export const HAND_HEADING = '地域のつながりマップ';

/** Deterministic pseudo-random numbers (mulberry32), so every run draws the same board. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INKS = ['#1f2328', '#1f2328', '#1f2328', '#1c7ed6', '#d9480f', '#2f9e44'] as const;
const ROWS = 25;
const ROW_PITCH = 56;
const COL_PITCH = 20;

/**
 * The recorder's notes: `count` short handwriting strokes (a kanji stroke's size, 10–20
 * pressure samples each) in lines of writing over the notes zone. Stroke i starts at a
 * known point (`seededStart`), so a screen can be asked for ink exactly there.
 */
export function seededStrokes(count: number, seed = 16): Stroke[] {
  const rnd = random(seed);
  const perRow = Math.ceil(count / ROWS);
  const out: Stroke[] = [];
  for (let i = 0; i < count; i++) {
    const [x0, y0] = seededStart(i, perRow);
    const n = 10 + Math.floor(rnd() * 11);
    const dx = (rnd() - 0.5) * 30;
    const points: Stroke['points'] = [];
    for (let k = 0; k < n; k++) {
      const t = k / (n - 1);
      points.push([
        Math.round(x0 + dx * t + 6 * Math.sin(t * Math.PI * 2)),
        Math.round(y0 + 40 * t),
        Math.round((0.35 + 0.4 * Math.sin(t * Math.PI)) * 100) / 100,
      ]);
    }
    out.push({
      id: `note-stroke-${i}`,
      type: 'stroke',
      tool: 'pen',
      color: INKS[i % INKS.length] ?? '#1f2328',
      size: 10 + Math.floor(rnd() * 5),
      opacity: 1,
      simulatePressure: false,
      points,
    });
  }
  return out;
}

/** Where seeded stroke i begins: row by row, left to right, across the notes zone. */
export function seededStart(i: number, perRow: number): BoardPoint {
  const row = Math.floor(i / perRow);
  const col = i % perRow;
  return [ZONES.seeded.minX + 10 + col * COL_PITCH, ZONES.seeded.minY + 10 + row * ROW_PITCH];
}

/** Points inside the seeded notes that surely carry ink: a little way down a few strokes. */
export function seededInkSpots(count: number): BoardPoint[] {
  const perRow = Math.ceil(count / ROWS);
  return [0, Math.floor(count / 3), Math.floor(count / 2), Math.floor((2 * count) / 3), count - 1].map(
    (i) => {
      const [x, y] = seededStart(i, perRow);
      return [x, y + 20] as BoardPoint;
    },
  );
}

/**
 * Sends the notes through the recorder's own key in ops of 50 strokes (a long session's
 * backlog), waiting out rate_limited as the page's outbox would. Resolves with the op count.
 */
export async function seedNotes(
  url: string,
  boardId: string,
  drawLink: string,
  strokes: Stroke[],
): Promise<number> {
  const ops: Op[] = [];
  for (let i = 0; i < strokes.length; i += 50) ops.push(addOp(...strokes.slice(i, i + 50)));
  const client = await connectClient(url, boardId, keyOf(drawLink));
  try {
    await sendAll(client, ops);
  } finally {
    client.close();
  }
  return ops.length;
}

/** A horizontal zig-zag across a band, at height `y`: a line a viewer on a phone still sees. */
export function zigzag(band: { minX: number; maxX: number }, y: number, amplitude = 40): BoardPoint[] {
  const out: BoardPoint[] = [];
  const steps = 6;
  for (let k = 0; k <= steps; k++) {
    const x = band.minX + ((band.maxX - band.minX) * k) / steps;
    out.push([Math.round(x), Math.round(y + (k % 2 === 0 ? -amplitude : amplitude))]);
  }
  return out;
}

/** `lines` zig-zags evenly down a band. */
export function bandStrokes(
  band: { minX: number; minY: number; maxX: number; maxY: number },
  lines: number,
): BoardPoint[][] {
  const pitch = (band.maxY - band.minY) / Math.max(1, lines - 1);
  return Array.from({ length: lines }, (_, i) => zigzag(band, band.minY + i * pitch));
}

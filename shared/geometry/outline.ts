import { getStroke } from 'perfect-freehand';
import type { Stroke, StrokeStyle, Point } from '../objects/stroke';
import { PEN_PRESETS, type PenTool } from '../presets';

export type Vec2 = [number, number];

/**
 * The one outline of a stroke: the browser, the viewers and the exporters all call this, so
 * what is exported is what was seen. Points with non-finite values are dropped, never drawn.
 */
export function strokeOutline(style: StrokeStyle, points: readonly Point[], complete = true): Vec2[] {
  const preset = PEN_PRESETS[style.tool];
  const input = points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]) && Number.isFinite(p[2]));
  if (input.length === 0) return [];
  const outline = getStroke(
    input.map((p) => ({ x: p[0], y: p[1], pressure: p[2] })),
    {
      size: style.size,
      thinning: preset.thinning,
      smoothing: preset.smoothing,
      streamline: preset.streamline,
      simulatePressure: style.simulatePressure,
      last: complete,
    },
  );
  const out: Vec2[] = [];
  for (const p of outline) {
    const x = p[0];
    const y = p[1];
    if (x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y)) out.push([x, y]);
  }
  return out;
}

function fmt(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}

/** Closed SVG path through the outline's midpoints with quadratic curves (smooth, compact). */
export function outlineToSvgPath(outline: readonly Vec2[]): string {
  const n = outline.length;
  if (n === 0) return '';
  const first = outline[0] as Vec2;
  if (n < 3) {
    const last = outline[n - 1] as Vec2;
    return `M${fmt(first[0])} ${fmt(first[1])}L${fmt(last[0])} ${fmt(last[1])}Z`;
  }
  const parts: string[] = [`M${fmt(first[0])} ${fmt(first[1])}Q`];
  for (let i = 0; i < n; i++) {
    const a = outline[i] as Vec2;
    const b = outline[(i + 1) % n] as Vec2;
    parts.push(`${fmt(a[0])} ${fmt(a[1])} ${fmt((a[0] + b[0]) / 2)} ${fmt((a[1] + b[1]) / 2)}`);
  }
  parts.push('Z');
  return parts.join(' ');
}

/** One command of a path, as SVG and fabric both spell it. */
export type PathCommand =
  ['M', number, number] | ['L', number, number] | ['Q', number, number, number, number] | ['Z'];

/**
 * The same path as outlineToSvgPath, as commands: a canvas renderer takes these as they are,
 * where the SVG text would be written out number by number and parsed back (most of the
 * time a late viewer spent on a 5,000-stroke board).
 */
export function outlineCommands(outline: readonly Vec2[]): PathCommand[] {
  const n = outline.length;
  if (n === 0) return [];
  const first = outline[0] as Vec2;
  if (n < 3) {
    const last = outline[n - 1] as Vec2;
    return [['M', first[0], first[1]], ['L', last[0], last[1]], ['Z']];
  }
  const out: PathCommand[] = [['M', first[0], first[1]]];
  for (let i = 0; i < n; i++) {
    const a = outline[i] as Vec2;
    const b = outline[(i + 1) % n] as Vec2;
    out.push(['Q', a[0], a[1], (a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
  }
  out.push(['Z']);
  return out;
}

/** The largest thinning of any preset: the safe guess when a caller does not name the tool. */
const MAX_THINNING = Math.max(...Object.values(PEN_PRESETS).map((p) => Math.abs(p.thinning)));

/**
 * Axis-aligned bounds of everything the outline can cover; for hit tests and culling.
 * perfect-freehand draws a radius of size * (0.5 - thinning * (0.5 - pressure)), so at full
 * pressure a thinning pen reaches size * (0.5 + thinning / 2), well beyond size / 2. It also
 * draws a lone point as a dot towards a twin at +(1, 1), which reaches up to 2 units out.
 * Without a tool, the most-thinning preset is assumed.
 */
export function strokeBounds(stroke: Pick<Stroke, 'points' | 'size'> & { tool?: PenTool | undefined }): {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
} {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of stroke.points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  const thinning = stroke.tool === undefined ? MAX_THINNING : Math.abs(PEN_PRESETS[stroke.tool].thinning);
  const r = stroke.size * (0.5 + thinning / 2) + 2;
  return { minX: minX - r, minY: minY - r, maxX: maxX + r, maxY: maxY + r };
}

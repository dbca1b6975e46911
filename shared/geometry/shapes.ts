import type { ShapeRecord } from '../objects/shape';

/**
 * The one geometry of a shape record, in the shape's own coordinates (its box runs from (0, 0)
 * to (w, h); the record's transform places it on the board). The browser (fabric Path) and the
 * exporters (pdfkit `path()`, SVG) all draw these strings, so what is exported is what was seen.
 *
 * Paths use only absolute M, L, C, Q and Z with numbers rounded to 2 decimals: no arcs, which
 * fabric and pdfkit approximate differently. Nothing here ever yields NaN or Infinity.
 */

export type ShapeInput = Pick<ShapeRecord, 'shape' | 'w' | 'h' | 'strokeWidth' | 'flipX' | 'flipY' | 'bend'>;

export interface ShapeGeometry {
  /**
   * SVG path data of the outline. Stroke it with the record's `stroke` colour and `strokeWidth`
   * (round joins; round caps for open paths); fill it with `fill` when `closed`.
   */
  body: string;
  /** Whether `body` is a closed outline that can take the record's `fill`. */
  closed: boolean;
  /** An arrowhead: a closed triangle to FILL with the `stroke` colour, not stroked. */
  head: string | null;
}

/** Corner radius of a rounded rectangle, as a share of its shorter side. */
export const ROUND_RECT_RADIUS = 0.18;
/** The rounded box of a speech bubble takes this share of the height; the tail the rest. */
export const BUBBLE_BODY_SHARE = 0.8;

/** 4/3·(√2 − 1): a cubic Bézier with this handle length is a quarter circle to within 0.03 %. */
const KAPPA = 0.5522847498307936;

type P = readonly [number, number];

function fmt(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Number.isFinite(r) && !Object.is(r, -0) ? r.toString() : '0';
}

/** Absolute path commands with rounded numbers: `cmd('C', [x1, y1], [x2, y2], [x, y])`. */
function cmd(c: 'M' | 'L' | 'C' | 'Q', ...points: P[]): string {
  return `${c}${points.map((p) => `${fmt(p[0])} ${fmt(p[1])}`).join(' ')}`;
}

function finiteOr(n: number, fallback: number): number {
  return Number.isFinite(n) ? n : fallback;
}

function clamp(n: number, min: number, max: number, fallback: number): number {
  return Math.max(min, Math.min(max, finiteOr(n, fallback)));
}

/** Beyond this, numbers would print with exponents; a validated record is far below it. */
const MAX_SIDE = 1e6;

/**
 * Inputs made safe (a validated record already is): sizes within 1 … 1e6, stroke width within
 * 0 … 1e4, bend within ±1; NaN becomes the smallest size, no stroke, no bend.
 */
function sanitize(rec: ShapeInput): { w: number; h: number; sw: number; bend: number } {
  return {
    w: clamp(rec.w, 1, MAX_SIDE, 1),
    h: clamp(rec.h, 1, MAX_SIDE, 1),
    sw: clamp(rec.strokeWidth, 0, 1e4, 0),
    bend: clamp(rec.bend, -1, 1, 0),
  };
}

function rectPath(w: number, h: number): string {
  return [cmd('M', [0, 0]), cmd('L', [w, 0]), cmd('L', [w, h]), cmd('L', [0, h]), 'Z'].join(' ');
}

/**
 * The rounded box (x0, y0)–(x1, y1) with radius r, clockwise from the top-left corner's end.
 * `bottom` replaces the straight bottom edge (drawn right to left): the bubble puts its tail
 * there.
 */
function roundedBox(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  r: number,
  bottom: string[] = [],
): string {
  const k = r * KAPPA;
  return [
    cmd('M', [x0 + r, y0]),
    cmd('L', [x1 - r, y0]),
    cmd('C', [x1 - r + k, y0], [x1, y0 + r - k], [x1, y0 + r]),
    cmd('L', [x1, y1 - r]),
    cmd('C', [x1, y1 - r + k], [x1 - r + k, y1], [x1 - r, y1]),
    ...bottom,
    cmd('L', [x0 + r, y1]),
    cmd('C', [x0 + r - k, y1], [x0, y1 - r + k], [x0, y1 - r]),
    cmd('L', [x0, y0 + r]),
    cmd('C', [x0, y0 + r - k], [x0 + r - k, y0], [x0 + r, y0]),
    'Z',
  ].join(' ');
}

/** Four cubic Béziers through the ellipse's top, right, bottom and left. */
function ellipsePath(w: number, h: number): string {
  const rx = w / 2;
  const ry = h / 2;
  const kx = rx * KAPPA;
  const ky = ry * KAPPA;
  return [
    cmd('M', [rx, 0]),
    cmd('C', [rx + kx, 0], [w, ry - ky], [w, ry]),
    cmd('C', [w, ry + ky], [rx + kx, h], [rx, h]),
    cmd('C', [rx - kx, h], [0, ry + ky], [0, ry]),
    cmd('C', [0, ry - ky], [rx - kx, 0], [rx, 0]),
    'Z',
  ].join(' ');
}

/** A speech bubble (吹き出し): a rounded box over the top share, its tail down-left to the bottom. */
function bubblePath(w: number, h: number): string {
  const bodyH = h * BUBBLE_BODY_SHARE;
  const r = Math.min(w, bodyH) * 0.25;
  const baseLeft = Math.max(r, w * 0.18);
  const baseRight = Math.min(w - r, baseLeft + Math.max(w * 0.16, Math.min(w, bodyH) * 0.25));
  const tip: P = [w * 0.08, h];
  // The bottom edge runs right to left: to the tail's right foot, out to the tip, back to its left foot.
  const tail = [cmd('L', [baseRight, bodyH]), cmd('Q', [baseLeft, bodyH + (h - bodyH) * 0.35], tip)];
  tail.push(cmd('L', [baseLeft, bodyH]));
  return roundedBox(0, 0, w, bodyH, r, tail);
}

/**
 * A heading ribbon: the band across the top, each end folded behind it and cut with a swallowtail
 * notch. One closed outline, so it fills in one go.
 */
function bannerPath(w: number, h: number): string {
  const end = Math.min(w * 0.14, h * 0.9);
  const notch = end * 0.45;
  // The tails hang a little below the band: a share of the height, but never more than the
  // ends are wide, so a tall banner still reads as a ribbon.
  const drop = Math.min(h * 0.22, end * 0.6);
  const bandBottom = h - drop;
  const tailTop = drop;
  const mid = (tailTop + h) / 2;
  return [
    cmd('M', [end, 0]),
    cmd('L', [w - end, 0]),
    cmd('L', [w - end, tailTop]),
    cmd('L', [w, tailTop]),
    cmd('L', [w - notch, mid]),
    cmd('L', [w, h]),
    cmd('L', [w - end * 1.4, h]),
    cmd('L', [w - end, bandBottom]),
    cmd('L', [end, bandBottom]),
    cmd('L', [end * 1.4, h]),
    cmd('L', [0, h]),
    cmd('L', [notch, mid]),
    cmd('L', [0, tailTop]),
    cmd('L', [end, tailTop]),
    'Z',
  ].join(' ');
}

/** Where a line or arrow starts and ends: (0, 0) → (w, h), flipX starts at (w, 0), flipY at (0, h). */
export function lineEnds(rec: Pick<ShapeRecord, 'w' | 'h' | 'flipX' | 'flipY'>): { from: P; to: P } {
  const w = clamp(rec.w, 1, MAX_SIDE, 1);
  const h = clamp(rec.h, 1, MAX_SIDE, 1);
  const x0 = rec.flipX ? w : 0;
  const y0 = rec.flipY ? h : 0;
  return { from: [x0, y0], to: [w - x0, h - y0] };
}

/** Length of an arrowhead for a stroke width, before it is capped by the arrow's own length. */
export function arrowHeadLength(strokeWidth: number): number {
  return Math.max(18, clamp(strokeWidth, 0, 1e4, 0) * 4.5);
}

/** A filled triangle with its tip at `tip`, pointing along the unit vector (ux, uy). */
function headPath(tip: P, ux: number, uy: number, length: number): string {
  const half = length * 0.5;
  const bx = tip[0] - ux * length;
  const by = tip[1] - uy * length;
  // (-uy, ux) is the left-hand normal of the direction.
  return [
    cmd('M', tip),
    cmd('L', [bx - uy * half, by + ux * half]),
    cmd('L', [bx + uy * half, by - ux * half]),
    'Z',
  ].join(' ');
}

function unit(dx: number, dy: number): [number, number] {
  const len = Math.hypot(dx, dy);
  return len > 1e-9 ? [dx / len, dy / len] : [1, 0];
}

/**
 * A straight arrow. The shaft stops halfway into the head, so a thick round-capped shaft never
 * pokes through the head's sharp tip, and the head hides the shaft's end.
 */
function arrowGeometry(from: P, to: P, sw: number): { body: string; head: string } {
  const chord = Math.hypot(to[0] - from[0], to[1] - from[1]);
  const length = Math.min(arrowHeadLength(sw), chord * 0.6);
  const [ux, uy] = unit(to[0] - from[0], to[1] - from[1]);
  const back = length * 0.5;
  const body = `${cmd('M', from)} ${cmd('L', [to[0] - ux * back, to[1] - uy * back])}`;
  return { body, head: headPath(to, ux, uy, length) };
}

/** The control point of a curved arrow: its curve bulges by bend · chord / 2 at the middle. */
export function curveControl(from: P, to: P, bend: number): [number, number] {
  const dx = to[0] - from[0];
  const dy = to[1] - from[1];
  // A quadratic's midpoint lies halfway from the chord's midpoint to its control point, so the
  // control sits at twice the bulge. (dy, -dx) is the left of travel on screen (y down): a
  // positive bend bows a left-to-right arrow upwards.
  return [(from[0] + to[0]) / 2 + dy * bend, (from[1] + to[1]) / 2 - dx * bend];
}

/**
 * A curved arrow: one quadratic, cut (de Casteljau) where the head takes over, and the head
 * turned along the curve's end tangent.
 */
function curvedArrowGeometry(from: P, to: P, sw: number, bend: number): { body: string; head: string } {
  const ctrl = curveControl(from, to, bend);
  const chord = Math.hypot(to[0] - from[0], to[1] - from[1]);
  // A quadratic is never longer than its control polygon, nor shorter than its chord.
  const approxLength =
    (chord +
      Math.hypot(ctrl[0] - from[0], ctrl[1] - from[1]) +
      Math.hypot(to[0] - ctrl[0], to[1] - ctrl[1])) /
    2;
  const length = Math.min(arrowHeadLength(sw), chord * 0.6);
  const [ux, uy] = unit(to[0] - ctrl[0], to[1] - ctrl[1]);
  const t = Math.max(0, Math.min(1, 1 - (length * 0.5) / Math.max(approxLength, 1e-9)));
  const q1: P = [from[0] + (ctrl[0] - from[0]) * t, from[1] + (ctrl[1] - from[1]) * t];
  const q2: P = [ctrl[0] + (to[0] - ctrl[0]) * t, ctrl[1] + (to[1] - ctrl[1]) * t];
  const end: P = [q1[0] + (q2[0] - q1[0]) * t, q1[1] + (q2[1] - q1[1]) * t];
  return { body: `${cmd('M', from)} ${cmd('Q', q1, end)}`, head: headPath(to, ux, uy, length) };
}

/** The outline (and arrowhead) of a shape record, in its own coordinates. */
export function shapeGeometry(rec: ShapeInput): ShapeGeometry {
  const { w, h, sw, bend } = sanitize(rec);
  switch (rec.shape) {
    case 'rect':
      return { body: rectPath(w, h), closed: true, head: null };
    case 'roundRect':
      return { body: roundedBox(0, 0, w, h, Math.min(w, h) * ROUND_RECT_RADIUS), closed: true, head: null };
    case 'ellipse':
      return { body: ellipsePath(w, h), closed: true, head: null };
    case 'bubble':
      return { body: bubblePath(w, h), closed: true, head: null };
    case 'banner':
      return { body: bannerPath(w, h), closed: true, head: null };
    case 'line': {
      const { from, to } = lineEnds({ w, h, flipX: rec.flipX, flipY: rec.flipY });
      return { body: `${cmd('M', from)} ${cmd('L', to)}`, closed: false, head: null };
    }
    case 'arrow': {
      const { from, to } = lineEnds({ w, h, flipX: rec.flipX, flipY: rec.flipY });
      return { ...arrowGeometry(from, to, sw), closed: false };
    }
    case 'curvedArrow': {
      const { from, to } = lineEnds({ w, h, flipX: rec.flipX, flipY: rec.flipY });
      return { ...curvedArrowGeometry(from, to, sw, bend), closed: false };
    }
    default: {
      // An unknown kind (a newer client's record) draws as its box rather than throwing.
      const unknown: never = rec.shape;
      void unknown;
      return { body: rectPath(w, h), closed: true, head: null };
    }
  }
}

/**
 * Conservative bounds of everything the shape paints, in its own coordinates: every point and
 * control point of its paths (a Bézier lies inside its control polygon) plus half the stroke
 * width. A curved arrow reaches outside its box by up to bend · chord / 2.
 */
export function shapeBounds(rec: ShapeInput): { minX: number; minY: number; maxX: number; maxY: number } {
  const { body, head } = shapeGeometry(rec);
  const numbers = `${body} ${head ?? ''}`.match(/-?\d+(?:\.\d+)?/g) ?? [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < numbers.length; i += 2) {
    const x = Number(numbers[i]);
    const y = Number(numbers[i + 1]);
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const pad = clamp(rec.strokeWidth, 0, 1e4, 0) / 2;
  if (!Number.isFinite(minX)) return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  return { minX: minX - pad, minY: minY - pad, maxX: maxX + pad, maxY: maxY + pad };
}

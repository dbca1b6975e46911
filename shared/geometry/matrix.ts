import { IDENTITY, type Transform } from '../objects/placement';

/**
 * Affine matrices as `Transform` = [a, b, c, d, e, f], SVG/canvas order:
 *
 *   x' = a·x + c·y + e
 *   y' = b·x + d·y + f
 *
 * Every function is pure and returns a fresh array. Angles are in degrees and, as in SVG's
 * `rotate()` and fabric's `angle`, a positive angle turns clockwise on screen (y points down).
 */

export { IDENTITY };
export type { Transform };

/** Axis-aligned bounds, as `strokeBounds` returns them. */
export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Determinants smaller than this are treated as singular: the inverse would be meaningless. */
const SINGULAR = 1e-12;

/** -0 and rounding noise such as 6e-17 become exact values. */
function clean(n: number): number {
  return Math.abs(n) < 1e-14 ? 0 : n;
}

/**
 * m1 · m2: the transform that applies m2 first and m1 after it, like fabric's
 * `util.multiplyTransformMatrices(m1, m2)` and SVG's `transform="m1 m2"`.
 */
export function multiply(m1: Readonly<Transform>, m2: Readonly<Transform>): Transform {
  const [a1, b1, c1, d1, e1, f1] = m1;
  const [a2, b2, c2, d2, e2, f2] = m2;
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1,
  ];
}

/**
 * The inverse of m, or null when m is singular (a zero-width scale, determinant below 1e-12)
 * or holds a non-finite entry. Callers decide what a singular transform means for them; this
 * never returns NaN or Infinity entries.
 */
export function invert(m: Readonly<Transform>): Transform | null {
  const [a, b, c, d, e, f] = m;
  if (!m.every(Number.isFinite)) return null;
  const det = a * d - b * c;
  if (!Number.isFinite(det) || Math.abs(det) < SINGULAR) return null;
  const out: Transform = [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
  return out.every(Number.isFinite) ? (out.map(clean) as Transform) : null;
}

/** The point (x, y) moved by m. */
export function applyToPoint(m: Readonly<Transform>, x: number, y: number): [number, number] {
  const [a, b, c, d, e, f] = m;
  return [a * x + c * y + e, b * x + d * y + f];
}

export function translation(dx: number, dy: number): Transform {
  return [1, 0, 0, 1, dx, dy];
}

/** Scale by (sx, sy) about the point (cx, cy), which stays where it is. */
export function scaling(sx: number, sy: number, cx = 0, cy = 0): Transform {
  return [sx, 0, 0, sy, clean(cx - sx * cx), clean(cy - sy * cy)];
}

/** cos and sin of deg degrees, exact at multiples of 90° (no 6e-17 in the matrices). */
function cosSin(deg: number): [number, number] {
  const turn = ((deg % 360) + 360) % 360;
  if (turn === 0) return [1, 0];
  if (turn === 90) return [0, 1];
  if (turn === 180) return [-1, 0];
  if (turn === 270) return [0, -1];
  const rad = (deg * Math.PI) / 180;
  return [clean(Math.cos(rad)), clean(Math.sin(rad))];
}

/** Rotate by deg degrees (clockwise on screen) about (cx, cy), which stays where it is. */
export function rotation(deg: number, cx = 0, cy = 0): Transform {
  const [cos, sin] = cosSin(deg);
  return [cos, sin, clean(-sin), cos, clean(cx - cos * cx + sin * cy), clean(cy - sin * cx - cos * cy)];
}

/** Axis-aligned bounds of the box (minX, minY)–(maxX, maxY) after m: all four corners count. */
export function transformBounds(
  m: Readonly<Transform>,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
): Bounds {
  const corners = [
    applyToPoint(m, minX, minY),
    applyToPoint(m, maxX, minY),
    applyToPoint(m, maxX, maxY),
    applyToPoint(m, minX, maxY),
  ];
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

/** Whether two matrices agree entry by entry within eps (for tests and no-op detection). */
export function approxEqual(m1: Readonly<Transform>, m2: Readonly<Transform>, eps = 1e-9): boolean {
  return m1.every((v, i) => Math.abs(v - (m2[i] as number)) <= eps);
}

/** Plain decimal with at most `digits` decimals; never "-0", "1e-7" or "NaN" (non-finite is 0). */
function num(n: number, digits: number): string {
  if (!Number.isFinite(n)) return '0';
  const p = 10 ** digits;
  const r = Math.round(n * p) / p;
  return Object.is(r, -0) ? '0' : r.toString();
}

/**
 * SVG attribute value `matrix(a b c d e f)`. The linear part keeps 6 decimals (a rotation of a
 * 20,000-unit board stays within a hundredth of a unit), the translation 3.
 */
export function toSvgMatrix(m: Readonly<Transform>): string {
  const [a, b, c, d, e, f] = m;
  return `matrix(${num(a, 6)} ${num(b, 6)} ${num(c, 6)} ${num(d, 6)} ${num(e, 3)} ${num(f, 3)})`;
}

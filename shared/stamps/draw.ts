/**
 * Tiny builders for the stamp library's path data: absolute M, L, C, Q and Z only, numbers
 * rounded to 2 decimals. Angles are in degrees on screen (y down): 0° points right, 90° down.
 */

export type Pt = readonly [number, number];

/** 4/3·(√2 − 1): the handle length of a cubic quarter circle. */
const KAPPA = 0.5522847498307936;

export function n(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Number.isFinite(r) && !Object.is(r, -0) ? r.toString() : '0';
}

function pt(p: Pt): string {
  return `${n(p[0])} ${n(p[1])}`;
}

/** Open polyline. */
export function line(...points: Pt[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${pt(p)}`).join(' ');
}

/** Closed polygon. */
export function polygon(...points: Pt[]): string {
  return `${line(...points)} Z`;
}

export function ellipse(cx: number, cy: number, rx: number, ry: number): string {
  const kx = rx * KAPPA;
  const ky = ry * KAPPA;
  return [
    `M${pt([cx, cy - ry])}`,
    `C${pt([cx + kx, cy - ry])} ${pt([cx + rx, cy - ky])} ${pt([cx + rx, cy])}`,
    `C${pt([cx + rx, cy + ky])} ${pt([cx + kx, cy + ry])} ${pt([cx, cy + ry])}`,
    `C${pt([cx - kx, cy + ry])} ${pt([cx - rx, cy + ky])} ${pt([cx - rx, cy])}`,
    `C${pt([cx - rx, cy - ky])} ${pt([cx - kx, cy - ry])} ${pt([cx, cy - ry])}`,
    'Z',
  ].join(' ');
}

export function circle(cx: number, cy: number, r: number): string {
  return ellipse(cx, cy, r, r);
}

export function polar(cx: number, cy: number, r: number, deg: number): [number, number] {
  const rad = (deg * Math.PI) / 180;
  return [cx + r * Math.cos(rad), cy + r * Math.sin(rad)];
}

/**
 * The circular arc from angle a0 to a1 (either direction) as cubic Béziers of at most 90° each.
 * With `move` false it continues the current path from its start point (no M).
 */
export function arc(cx: number, cy: number, r: number, a0: number, a1: number, move = true): string {
  const parts: string[] = move ? [`M${pt(polar(cx, cy, r, a0))}`] : [];
  const count = Math.max(1, Math.ceil(Math.abs(a1 - a0) / 90));
  const step = (a1 - a0) / count;
  const k = (4 / 3) * Math.tan((step * Math.PI) / 180 / 4) * r;
  for (let i = 0; i < count; i++) {
    const s = a0 + step * i;
    const e = s + step;
    const [sx, sy] = polar(cx, cy, r, s);
    const [ex, ey] = polar(cx, cy, r, e);
    const sr = (s * Math.PI) / 180;
    const er = (e * Math.PI) / 180;
    parts.push(
      `C${pt([sx - k * Math.sin(sr), sy + k * Math.cos(sr)])} ${pt([ex + k * Math.sin(er), ey - k * Math.cos(er)])} ${pt([ex, ey])}`,
    );
  }
  return parts.join(' ');
}

/** A rounded rectangle, closed, clockwise from the top edge. */
export function roundRect(x: number, y: number, w: number, h: number, r: number): string {
  const k = r * KAPPA;
  const x1 = x + w;
  const y1 = y + h;
  return [
    `M${pt([x + r, y])}`,
    `L${pt([x1 - r, y])}`,
    `C${pt([x1 - r + k, y])} ${pt([x1, y + r - k])} ${pt([x1, y + r])}`,
    `L${pt([x1, y1 - r])}`,
    `C${pt([x1, y1 - r + k])} ${pt([x1 - r + k, y1])} ${pt([x1 - r, y1])}`,
    `L${pt([x + r, y1])}`,
    `C${pt([x + r - k, y1])} ${pt([x, y1 - r + k])} ${pt([x, y1 - r])}`,
    `L${pt([x, y + r])}`,
    `C${pt([x, y + r - k])} ${pt([x + r - k, y])} ${pt([x + r, y])}`,
    'Z',
  ].join(' ');
}

/** A star with `points` tips, the first pointing straight up. */
export function star(cx: number, cy: number, outer: number, inner: number, points = 5): string {
  const corners: Pt[] = [];
  for (let i = 0; i < points * 2; i++) {
    corners.push(polar(cx, cy, i % 2 === 0 ? outer : inner, -90 + (i * 180) / points));
  }
  return polygon(...corners);
}

/** An open arrowhead (a chevron) with its tip at `tip`, pointing at angle `deg`. */
export function chevron(tip: Pt, deg: number, length: number, spread = 40): string {
  return line(
    polar(tip[0], tip[1], length, deg + 180 - spread),
    tip,
    polar(tip[0], tip[1], length, deg + 180 + spread),
  );
}

/** Absolute cubic and quadratic pieces for hand-drawn outlines. */
export function c(c1: Pt, c2: Pt, to: Pt): string {
  return `C${pt(c1)} ${pt(c2)} ${pt(to)}`;
}

export function q(c1: Pt, to: Pt): string {
  return `Q${pt(c1)} ${pt(to)}`;
}

export function m(p: Pt): string {
  return `M${pt(p)}`;
}

export function l(...points: Pt[]): string {
  return points.map((p) => `L${pt(p)}`).join(' ');
}

/** Join path pieces into one path string. */
export function path(...parts: string[]): string {
  return parts.join(' ');
}

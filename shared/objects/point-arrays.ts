import { z } from '../zod';
import { REJECT } from '../reject-reasons';

/** One raw input sample [x, y, pressure] in board units. */
export type Point = [number, number, number];

export interface PointBounds {
  /** Fewest points the array may hold. */
  min: number;
  /** Most points the array may hold (refused past it with too_many_points). */
  max: number;
  /** Coordinates outside [lo, hi] are refused; omitted, any finite number goes (stored data). */
  coordinates?: { lo: number; hi: number };
  /** New input is rounded so msgpack/JSON stay small; stored points are kept as they are. */
  round: boolean;
}

type Checked = { ok: true; points: Point[] } | { ok: false; reason: string; path: (string | number)[] };

function checkPoints(value: unknown[], bounds: PointBounds): Checked {
  if (value.length > bounds.max) return { ok: false, reason: REJECT.tooManyPoints, path: [] };
  if (value.length < bounds.min) return { ok: false, reason: REJECT.invalidPoint, path: [] };
  const lo = bounds.coordinates?.lo ?? -Infinity;
  const hi = bounds.coordinates?.hi ?? Infinity;
  const out: Point[] = new Array<Point>(value.length);
  for (let i = 0; i < value.length; i++) {
    const p = value[i];
    if (!Array.isArray(p) || p.length !== 3) return { ok: false, reason: REJECT.invalidPoint, path: [i] };
    const x: unknown = p[0];
    const y: unknown = p[1];
    const pressure: unknown = p[2];
    // Number.isFinite is false for NaN, ±Infinity and anything that is not a number.
    if (!Number.isFinite(x) || (x as number) < lo || (x as number) > hi)
      return { ok: false, reason: REJECT.invalidPoint, path: [i, 0] };
    if (!Number.isFinite(y) || (y as number) < lo || (y as number) > hi)
      return { ok: false, reason: REJECT.invalidPoint, path: [i, 1] };
    if (!Number.isFinite(pressure) || (pressure as number) < 0 || (pressure as number) > 1)
      return { ok: false, reason: REJECT.invalidPoint, path: [i, 2] };
    out[i] = bounds.round
      ? [Math.round(x as number), Math.round(y as number), Math.round((pressure as number) * 100) / 100]
      : [x as number, y as number, pressure as number];
  }
  return { ok: true, points: out };
}

/**
 * An array of points checked by one plain loop instead of a zod tuple per point: jitless zod
 * spends about 10 µs a point, so a 60,000-point op blocked the process for most of a second.
 * The reasons and paths are the ones the tuple schema gave (invalid_point at the point or the
 * coordinate, too_many_points at the array), so clients and tests see no difference.
 */
export function pointArraySchema(bounds: PointBounds) {
  return z
    .custom<unknown[]>((v) => Array.isArray(v), { message: REJECT.invalidPoint })
    .transform((value, ctx): Point[] => {
      const checked = checkPoints(value, bounds);
      if (checked.ok) return checked.points;
      ctx.addIssue({ code: 'custom', message: checked.reason, path: checked.path, input: value });
      return z.NEVER;
    });
}

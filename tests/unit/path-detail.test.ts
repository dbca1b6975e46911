import type { Path } from 'fabric';
import { describe, expect, it } from 'vitest';
import { RankedOutline, simplifiedPolylines } from '../../client/board/render/path-detail';
import {
  outlineCommands as sharedOutlineCommands,
  strokeOutline,
  type Vec2,
} from '../../shared/geometry/outline';
import type { Point } from '../../shared/objects/stroke';

type Commands = Path['path'];

/** The commands the board's fabric paths hold (shared/geometry/outline.ts). */
function shared(outline: readonly Vec2[]): Commands {
  return sharedOutlineCommands(outline) as Commands;
}

/** A circle of radius r around (cx, cy) as four cubic curves, as SVG arcs become in fabric. */
function circle(cx: number, cy: number, r: number): Commands {
  const k = 0.5522847498 * r;
  return [
    ['M', cx + r, cy],
    ['C', cx + r, cy + k, cx + k, cy + r, cx, cy + r],
    ['C', cx - k, cy + r, cx - r, cy + k, cx - r, cy],
    ['C', cx - r, cy - k, cx - k, cy - r, cx, cy - r],
    ['C', cx + k, cy - r, cx + r, cy - k, cx + r, cy],
    ['Z'],
  ] as Commands;
}

/** The shared outline as fabric holds it: quadratic curves through the outline's midpoints. */
function outlineCommands(outline: readonly Vec2[]): Commands {
  const first = outline[0] as Vec2;
  const commands: unknown[] = [['M', first[0], first[1]]];
  outline.forEach((a, i) => {
    const b = outline[(i + 1) % outline.length] as Vec2;
    commands.push(['Q', a[0], a[1], (a[0] + b[0]) / 2, (a[1] + b[1]) / 2]);
  });
  commands.push(['Z']);
  return commands as Commands;
}

function pairs(xy: readonly number[]): Vec2[] {
  const out: Vec2[] = [];
  for (let i = 0; i + 1 < xy.length; i += 2) out.push([xy[i] as number, xy[i + 1] as number]);
  return out;
}

function distanceToSegment(p: Vec2, a: Vec2, b: Vec2): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2)) : 0;
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

function distanceToPolyline(p: Vec2, line: readonly Vec2[], closed: boolean): number {
  let best = Infinity;
  const n = line.length;
  for (let i = 0; i + 1 < n + (closed ? 1 : 0); i++) {
    best = Math.min(best, distanceToSegment(p, line[i] as Vec2, line[(i + 1) % n] as Vec2));
  }
  return best;
}

describe('simplified outlines (level of detail for small scales)', () => {
  it('flattens a circle of cubic curves within the tolerance, not into a diamond', () => {
    const [ring, ...rest] = simplifiedPolylines(circle(0, 0, 100), { x: 0, y: 0 }, 0.5);
    expect(rest).toEqual([]);
    expect(ring?.closed).toBe(true);
    const points = pairs(ring?.xy ?? []);
    expect(points.length).toBeGreaterThan(12);
    for (const [x, y] of points) expect(Math.abs(Math.hypot(x, y) - 100)).toBeLessThan(0.05);
    // Between neighbours the chord dips inside the circle by at most the tolerance (plus the
    // tenth of a unit to which curves are first cut into pieces).
    points.forEach((a, i) => {
      const b = points[(i + 1) % points.length] as Vec2;
      expect(100 - Math.hypot((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)).toBeLessThanOrEqual(0.6);
    });
  });

  it('keeps a pen outline within the tolerance of every curve end, with far fewer points', () => {
    // Ranked once, filtered per tolerance: each filter must match Douglas–Peucker at that tolerance.
    const input: Point[] = Array.from({ length: 60 }, (_, i) => [
      Math.round(200 + i * 2 + 30 * Math.cos(i / 5)),
      Math.round(300 + 30 * Math.sin(i / 5)),
      0.5,
    ]);
    const outline = strokeOutline(
      { tool: 'pen', color: '#1f2328', size: 10, opacity: 1, simulatePressure: false },
      input,
    );
    const commands = outlineCommands(outline);
    for (const tolerance of [0.5, 2, 8]) {
      const lines = simplifiedPolylines(commands, { x: 0, y: 0 }, tolerance);
      expect(lines).toHaveLength(1);
      const line = pairs(lines[0]?.xy ?? []);
      expect(line.length).toBeLessThan(outline.length);
      for (const c of commands) {
        if (c[0] !== 'Q') continue;
        expect(distanceToPolyline([c[3], c[4]], line, true)).toBeLessThanOrEqual(tolerance + 1e-9);
      }
    }
    const coarse = pairs(simplifiedPolylines(commands, { x: 0, y: 0 }, 8)[0]?.xy ?? []);
    expect(coarse.length).toBeLessThan(outline.length / 4);
  });

  it('draws around the path offset as fabric does, one polyline per subpath', () => {
    const commands = [
      ['M', 110, 220],
      ['L', 130, 220],
      ['L', 130, 240],
      ['Z'],
      ['M', 150, 250],
      ['L', 160, 260],
      ['L', 150, 270],
    ] as Commands;
    const lines = simplifiedPolylines(commands, { x: 100, y: 200 }, 0.25);
    expect(lines).toEqual([
      { xy: [10, 20, 30, 20, 30, 40], closed: true },
      { xy: [50, 50, 60, 60, 50, 70], closed: false },
    ]);
  });

  it('ranked from a floor up, it simplifies exactly as when ranked to the end', () => {
    const input: Point[] = Array.from({ length: 400 }, (_, i) => [
      Math.round(200 + i * 3 + 40 * Math.cos(i / 7)),
      Math.round(300 + 60 * Math.sin(i / 11)),
      0.3 + 0.4 * Math.abs(Math.sin(i / 13)),
    ]);
    const outline = strokeOutline(
      { tool: 'pen', color: '#1f2328', size: 12, opacity: 1, simulatePressure: false },
      input,
    );
    const commands = outlineCommands(outline);
    const offset = { x: 17, y: -4 };
    const floor = 0.476;
    const full = new RankedOutline(commands, offset);
    const floored = new RankedOutline(commands, offset, floor);
    for (const tolerance of [floor, 0.5, 0.8, 1.3, 3, 9]) {
      expect(floored.polylines(tolerance)).toEqual(full.polylines(tolerance));
    }
    // Below the floor it keeps fewer points: the finest ranks were never worked out.
    const fine = (o: RankedOutline): number => (o.polylines(0.05)[0]?.xy.length ?? 0) / 2;
    expect(fine(floored)).toBeLessThan(fine(full));
  });

  it('ranks an outline from its points exactly as from the commands a fabric path holds', () => {
    const wavy: Vec2[] = Array.from({ length: 90 }, (_, i) => [
      500 + i * 2.5 + 9 * Math.sin(i / 4),
      700 + 30 * Math.cos(i / 6) + (i % 7) * 0.3,
    ]);
    for (const outline of [[], wavy.slice(0, 1), wavy.slice(0, 2), wavy.slice(0, 3), wavy]) {
      const offset = { x: 531.25, y: 702.5 };
      for (const floor of [0, 0.476]) {
        const fromCommands = new RankedOutline(shared(outline), offset, floor).parts();
        expect(RankedOutline.fromOutline(outline, offset, floor).parts()).toEqual(fromCommands);
      }
    }
  });
});

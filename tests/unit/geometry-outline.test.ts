import { describe, expect, it } from 'vitest';
import { outlineCommands, outlineToSvgPath, strokeOutline, type Vec2 } from '../../shared/geometry/outline';
import { objectPrimitives } from '../../shared/render/scene';
import type { Point } from '../../shared/objects/stroke';
import { PEN_TOOLS } from '../../shared/presets';
import { POINT_FIXTURES, stroke, style } from './fixtures';

const TOOLS = Object.values(PEN_TOOLS);
const FIXTURES = Object.entries(POINT_FIXTURES);

function allFinite(outline: readonly Vec2[]): boolean {
  return outline.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
}

/** An SVG path made only of commands and plain decimal numbers: no NaN, Infinity or 1e+21. */
const PATH_SYNTAX =
  /^M-?\d+(\.\d+)? -?\d+(\.\d+)?(Q( -?\d+(\.\d+)? -?\d+(\.\d+)? -?\d+(\.\d+)? -?\d+(\.\d+)?)+ Z|L-?\d+(\.\d+)? -?\d+(\.\d+)?Z)$/;

describe('strokeOutline over fixtures, every pen', () => {
  for (const tool of TOOLS) {
    for (const simulatePressure of [false, true]) {
      describe(`${tool}${simulatePressure ? ' (simulated pressure)' : ''}`, () => {
        it.each(FIXTURES)('%s: finite outline and a clean path', (_name, points) => {
          const outline = strokeOutline(style(tool, simulatePressure), points);
          expect(outline.length).toBeGreaterThan(2);
          expect(allFinite(outline)).toBe(true);
          const path = outlineToSvgPath(outline);
          expect(path).not.toMatch(/NaN|Infinity|e[+-]/);
          expect(path).toMatch(PATH_SYNTAX);
        });
      });
    }
  }

  it('an unfinished stroke (live, last=false) is finite too', () => {
    for (const tool of TOOLS) {
      for (const [, points] of FIXTURES) {
        expect(allFinite(strokeOutline(style(tool), points, false))).toBe(true);
      }
    }
  });

  it('stays around its points: every outline vertex is within the pen size of the input', () => {
    for (const tool of TOOLS) {
      for (const [, points] of FIXTURES) {
        const size = 10;
        const outline = strokeOutline(style(tool, false, size), points);
        const xs = points.map((p) => p[0]);
        const ys = points.map((p) => p[1]);
        for (const [x, y] of outline) {
          expect(x).toBeGreaterThanOrEqual(Math.min(...xs) - size);
          expect(x).toBeLessThanOrEqual(Math.max(...xs) + size);
          expect(y).toBeGreaterThanOrEqual(Math.min(...ys) - size);
          expect(y).toBeLessThanOrEqual(Math.max(...ys) + size);
        }
      }
    }
  });

  it('a bigger pen draws a wider line', () => {
    const points = POINT_FIXTURES.straightLine ?? [];
    const height = (size: number) => {
      const ys = strokeOutline(style('marker', false, size), points).map(([, y]) => y);
      return Math.max(...ys) - Math.min(...ys);
    };
    expect(height(40)).toBeGreaterThan(height(14));
  });

  it('drops non-finite points instead of drawing them', () => {
    const clean: Point[] = [
      [0, 0, 0.5],
      [50, 0, 0.5],
      [100, 0, 0.5],
    ];
    const dirty: Point[] = [
      [NaN, 0, 0.5],
      clean[0] as Point,
      [Infinity, 1, 0.5],
      clean[1] as Point,
      [1, 1, NaN],
      clean[2] as Point,
    ];
    expect(strokeOutline(style('pen'), dirty)).toEqual(strokeOutline(style('pen'), clean));
  });

  it('draws nothing for no points, or only broken ones', () => {
    expect(strokeOutline(style('pen'), [])).toEqual([]);
    expect(strokeOutline(style('pen'), [[NaN, NaN, NaN]])).toEqual([]);
    expect(outlineToSvgPath([])).toBe('');
  });

  it('is deterministic: the browser and the exporter get the same path', () => {
    for (const [, points] of FIXTURES) {
      expect(outlineToSvgPath(strokeOutline(style('pen'), points))).toBe(
        outlineToSvgPath(
          strokeOutline(
            style('pen'),
            points.map((p) => [...p] as Point),
          ),
        ),
      );
    }
  });
});

describe('outlineToSvgPath', () => {
  it('closes a one- or two-vertex outline with a line', () => {
    expect(outlineToSvgPath([[1, 2]])).toBe('M1 2L1 2Z');
    expect(
      outlineToSvgPath([
        [1, 2],
        [3.456, -4.001],
      ]),
    ).toBe('M1 2L3.46 -4Z');
  });

  it('writes quadratic curves through midpoints, closing back to the start', () => {
    expect(
      outlineToSvgPath([
        [0, 0],
        [10, 0],
        [10, 10],
      ]),
    ).toBe('M0 0Q 0 0 5 0 10 0 10 5 10 10 5 5 Z');
  });

  it('never writes -0', () => {
    expect(
      outlineToSvgPath([
        [-0.001, -0.004],
        [1, 1],
      ]),
    ).toBe('M0 0L1 1Z');
  });
});

describe('path snapshots (a change here changes what every viewer and export shows)', () => {
  for (const tool of TOOLS) {
    it.each(FIXTURES)(`${tool}: %s`, (_name, points) => {
      expect(outlineToSvgPath(strokeOutline(style(tool), points))).toMatchSnapshot();
    });
  }

  it('simulated pressure: zigzag with the pen', () => {
    expect(
      outlineToSvgPath(strokeOutline(style('pen', true), POINT_FIXTURES.zigzag ?? [])),
    ).toMatchSnapshot();
  });

  it('a stroke primitive carries its outline, and its d is outlineToSvgPath of it', () => {
    const record = stroke('s1', {
      tool: 'highlighter',
      size: 48,
      points: [...(POINT_FIXTURES.zigzag ?? [])],
    });
    if (record.type !== 'stroke') throw new Error('fixture is a stroke');
    const [p] = objectPrimitives(record);
    if (p?.kind !== 'path') throw new Error('a stroke is one path');
    const outline = strokeOutline(record, record.points);
    expect(p.outline).toEqual(outline);
    expect(p.d).toBe(outlineToSvgPath(outline));
  });

  it('outlineCommands is the same path as outlineToSvgPath, as commands', () => {
    const fmt = (n: number) => (Math.round(n * 100) / 100).toString();
    const asSvg = (commands: ReturnType<typeof outlineCommands>) => {
      // outlineToSvgPath writes "Q" once and the control/end pairs after it.
      let text = '';
      let inQ = false;
      for (const [op, ...args] of commands) {
        const nums = args.map(fmt).join(' ');
        if (op === 'Q') {
          text += inQ ? ` ${nums}` : `Q ${nums}`;
          inQ = true;
        } else if (op === 'Z') text += inQ ? ' Z' : 'Z';
        else text += op === 'L' ? `L${nums}` : `M${nums}`;
      }
      return text;
    };
    for (const points of Object.values(POINT_FIXTURES)) {
      const outline = strokeOutline(style('pen', false), points);
      expect(asSvg(outlineCommands(outline))).toBe(outlineToSvgPath(outline));
    }
    const two: Vec2[] = [
      [1, 2],
      [3, 4],
    ];
    expect(outlineCommands(two)).toEqual([['M', 1, 2], ['L', 3, 4], ['Z']]);
    expect(outlineCommands([])).toEqual([]);
  });
});

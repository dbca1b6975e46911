import { describe, expect, it } from 'vitest';
import { JOB_PLANS, overallProgress } from '../../shared/job-progress';
import { BandedPngWriter } from '../../server/export/png-encoder';
import { decodePng } from '../helpers/export-jobs';

/** Deterministic noise with flat runs, like a board: photos, strokes and white sheet. */
function pixels(width: number, height: number, seed: number): Buffer {
  const out = Buffer.alloc(width * height * 4);
  let s = seed >>> 0;
  for (let i = 0; i < width * height; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const flat = i % width < width / 2;
    out[i * 4] = flat ? 255 : s & 0xff;
    out[i * 4 + 1] = flat ? 255 : (s >>> 8) & 0xff;
    out[i * 4 + 2] = flat ? 255 : (s >>> 16) & 0xff;
    out[i * 4 + 3] = 255;
  }
  return out;
}

describe('banded PNG writer', () => {
  it.each([
    ['one band', [23]],
    ['uneven bands', [7, 1, 10, 5]],
    ['single rows', Array.from({ length: 23 }, () => 1)],
  ])('writes a file that decodes to the same pixels (%s)', (_name, bands) => {
    const width = 37;
    const height = 23;
    const rgba = pixels(width, height, 7);
    const writer = new BandedPngWriter(width, height);
    let y = 0;
    for (const rows of bands) {
      writer.addRgbaRows(rgba.subarray(y * width * 4, (y + rows) * width * 4), rows);
      y += rows;
    }
    const chunks: number[] = [];
    const png = writer.finish((done, total) => chunks.push(done / total));
    expect(chunks.at(-1)).toBe(1);
    const decoded = decodePng(png);
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    for (let yy = 0; yy < height; yy++) {
      for (let x = 0; x < width; x++) {
        const i = (yy * width + x) * 4;
        expect(decoded.rgb(x, yy)).toEqual([rgba[i], rgba[i + 1], rgba[i + 2]]);
      }
    }
  });

  it('refuses to finish before every row is written', () => {
    const writer = new BandedPngWriter(4, 4);
    writer.addRgbaRows(Buffer.alloc(4 * 2 * 4, 255), 2);
    expect(() => writer.finish()).toThrow(/2 of 4 rows/);
  });
});

describe('overall progress', () => {
  it('moves forward through the plan and stays within 0…1', () => {
    const seen = [
      { phase: 'queued', done: 0, total: 1 },
      { phase: 'scene', done: 500, total: 1000 },
      { phase: 'parse', done: 1, total: 1 },
      { phase: 'render', done: 512, total: 3508 },
      { phase: 'render', done: 3508, total: 3508 },
      { phase: 'encode', done: 7, total: 7 },
    ] as const;
    const values = seen.map((p) => overallProgress('png', p));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values[0]).toBe(0);
    expect(values.at(-1)).toBe(1);
    // A phase the plan does not have (or a zero total) never jumps ahead.
    expect(overallProgress('svg', { phase: 'render', done: 1, total: 1 })).toBe(0);
    expect(overallProgress('import', { phase: 'replay', done: 5, total: 0 })).toBe(0);
    expect(JOB_PLANS.import).toContain('store');
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MATRIX_ASSET_ID,
  MATRIX_BOARD,
  MATRIX_EMPTY,
  MATRIX_IMAGE,
  matrixBoard,
  matrixPlacements,
  visibleBox,
} from '../helpers/matrix-board';
import { anyInkShare, decodePng } from '../helpers/png-decode';
import { parsePpm, type Ppm } from '../helpers/ppm';
import type { RenderJob } from '../helpers/render-child';

const run = promisify(execFile);

/**
 * Every pen preset and record kind, across every edge and band boundary, through every export.
 * Each export runs in its own child process: resvg's panics abort the process, and a test
 * must fail on one rather than take vitest down with it.
 */
const OUTPUTS = ['png-web', 'png-print', 'png-thumb', 'pdf', 'svg-raster'] as const;
type Output = (typeof OUTPUTS)[number];

describe('export matrix: every preset and record kind at every edge and band boundary', () => {
  let dir: string;
  const rendered = new Map<Output, { image?: Ppm; error?: string }>();
  let svgText = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'grareco-matrix-'));
    const job: RenderJob = {
      doc: matrixBoard(),
      images: { [MATRIX_ASSET_ID]: { mime: 'image/png', base64: MATRIX_IMAGE.toString('base64') } },
    };
    const jobFile = join(dir, 'job.json');
    writeFileSync(jobFile, JSON.stringify(job));
    const child = join(import.meta.dirname, '../helpers/render-child.ts');
    await run(process.execPath, ['--import', 'tsx', child, jobFile, 'svg', join(dir, 'board.svg')]);
    svgText = readFileSync(join(dir, 'board.svg'), 'utf8');
    // Two at a time: two cores.
    const one = async (output: Output) => {
      const file = join(dir, `${output}.out`);
      try {
        await run(process.execPath, ['--import', 'tsx', child, jobFile, output, file], {
          maxBuffer: 1 << 24,
        });
      } catch (err) {
        const e = err as { code?: unknown; signal?: unknown; stderr?: string };
        rendered.set(output, {
          error: `exit ${String(e.code)} ${String(e.signal)}: ${e.stderr?.slice(0, 300)}`,
        });
        return;
      }
      if (output === 'pdf') {
        await run('pdftoppm', [
          '-scale-to-x',
          '800',
          '-scale-to-y',
          '-1',
          '-singlefile',
          file,
          join(dir, 'pdf'),
        ]);
        rendered.set(output, { image: parsePpm(readFileSync(join(dir, 'pdf.ppm'))) });
      } else rendered.set(output, { image: decodePng(readFileSync(file)) });
    };
    await Promise.all([one('png-web'), one('png-print')]);
    await Promise.all([one('png-thumb'), one('pdf'), one('svg-raster')]);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function image(output: Output): Ppm {
    const r = rendered.get(output);
    if (!r?.image) throw new Error(`${output} did not render: ${r?.error ?? 'no result'}`);
    return r.image;
  }

  it.each(OUTPUTS)('%s renders at the board ratio with nothing where no record is', (output) => {
    const img = image(output);
    expect(img.width / img.height).toBeCloseTo(MATRIX_BOARD.width / MATRIX_BOARD.height, 2);
    const s = img.width / MATRIX_BOARD.width;
    const e = MATRIX_EMPTY;
    expect(anyInkShare(img, e.x0 * s, e.y0 * s, e.x1 * s, e.y1 * s)).toBe(0);
  });

  const cases = OUTPUTS.flatMap((output) => matrixPlacements().map((p) => ({ output, ...p })));
  it.each(cases)('$output: $kind at $where has ink', ({ output, ...p }) => {
    const img = image(output);
    const s = img.width / MATRIX_BOARD.width;
    const b = visibleBox(p);
    // The middle of the part on the board: edges of a box are anti-aliased.
    const inset = 4;
    const share = anyInkShare(
      img,
      b.x0 * s + inset * s,
      b.y0 * s + inset * s,
      b.x1 * s - inset * s,
      b.y1 * s - inset * s,
    );
    expect(share, `${output} ${p.kind} at ${p.where}`).toBeGreaterThan(0.05);
  });

  it('the SVG holds an element for every record', () => {
    const placed = matrixPlacements();
    const count = (re: RegExp) => svgText.match(re)?.length ?? 0;
    const per = placed.length / 8;
    expect(count(/<image /g)).toBe(per);
    expect(count(/<text /g)).toBe(per);
    // The highlighter and shadow pens are translucent per paint, never through `opacity`.
    expect(count(/fill-opacity="0\.35"/g)).toBe(per);
    expect(count(/fill-opacity="0\.55"/g)).toBe(per);
    expect(svgText).not.toMatch(/ opacity="/);
  });
});

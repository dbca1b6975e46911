import { loadavg } from 'node:os';
import {
  DRAW_ENGINES,
  runDraw,
  type DrawEngine,
  type DrawResult,
  type DrawRun,
  type DrawSettings,
  type Percentiles,
} from './draw';
import { median } from './stats';
import { formatTable, type Cell } from './table';

/** Issue #4, item 14: what "drawing stays smooth" means on a 5,000-stroke board. */
export const DRAW_TARGETS = { drawP95Ms: 16, redrawP95Ms: 100 } as const;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

function medianOf(runs: readonly DrawRun[], pick: (r: DrawRun) => Percentiles): Percentiles {
  return {
    n: median(runs.map((r) => pick(r).n)),
    p50: median(runs.map((r) => pick(r).p50)),
    p95: median(runs.map((r) => pick(r).p95)),
    max: median(runs.map((r) => pick(r).max)),
  };
}

function verdict(p95: number, target: number): string {
  return p95 <= target ? 'met' : 'MISSED';
}

/** BENCH_DRAW_ENGINES: a comma-separated list of chromium and webkit (default both). */
function engines(): DrawEngine[] {
  const raw = process.env.BENCH_DRAW_ENGINES ?? 'chromium,webkit';
  const names = raw
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  for (const n of names)
    if (!(n in DRAW_ENGINES)) throw new Error(`BENCH_DRAW_ENGINES: unknown engine ${n} (chromium, webkit)`);
  return names as DrawEngine[];
}

/** One engine's rows: medians of its runs. */
function engineRows(r: DrawResult): Cell[][] {
  const draw = medianOf(r.runs, (x) => x.draw);
  const input = medianOf(r.runs, (x) => x.drawInput);
  const frame = medianOf(r.runs, (x) => x.drawFrame);
  const redraw = medianOf(r.runs, (x) => x.redraw);
  const drawCpu = median(r.runs.map((x) => x.drawCpuMs));
  const redrawCpu = median(r.runs.map((x) => x.redrawCpuMs));
  return [
    [
      `${r.engine}, ${r.input}: pointermove → frame ready`,
      draw.n,
      draw.p50,
      draw.p95,
      draw.max,
      drawCpu,
      `p95 ≤ ${DRAW_TARGETS.drawP95Ms}`,
      verdict(draw.p95, DRAW_TARGETS.drawP95Ms),
    ],
    ['  input timestamp → ready', input.n, input.p50, input.p95, input.max, '', '', ''],
    ['  frame start → ready', frame.n, frame.p50, frame.p95, frame.max, '', '', ''],
    [
      `${r.engine}, full redraw: wheel → frame ready`,
      redraw.n,
      redraw.p50,
      redraw.p95,
      redraw.max,
      redrawCpu,
      `p95 ≤ ${DRAW_TARGETS.redrawP95Ms}`,
      verdict(redraw.p95, DRAW_TARGETS.redrawP95Ms),
    ],
  ];
}

/**
 * `npm run bench -- draw`: BENCH_DRAW_STROKES (default 5000) on the board, BENCH_DRAW_MOVES
 * (default 400) pen samples per run at BENCH_DRAW_HZ (default 120), BENCH_DRAW_REDRAWS (default
 * 20) zoom steps per run, BENCH_REPEAT (default 3) runs, BENCH_DRAW_SCALE (default 1) device
 * pixels per CSS pixel, in each of BENCH_DRAW_ENGINES (default chromium,webkit) one after the
 * other; medians of the runs, one table.
 */
export async function drawBench(): Promise<void> {
  const s: DrawSettings = {
    strokes: positiveInt('BENCH_DRAW_STROKES', 5_000),
    moves: positiveInt('BENCH_DRAW_MOVES', 400),
    hz: positiveInt('BENCH_DRAW_HZ', 120),
    redraws: positiveInt('BENCH_DRAW_REDRAWS', 20),
    repeat: positiveInt('BENCH_REPEAT', 3),
    scale: positiveInt('BENCH_DRAW_SCALE', 1),
  };
  const which = engines();
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `draw: ${s.strokes} strokes on a 3840×2160 board, recorder page in ${which.join(' then ')} ` +
      `(headless Chromium without GPU; WebKitGTK MiniBrowser under Xvfb; device scale ${s.scale}); ` +
      `${s.moves} pen samples at ${s.hz} Hz and ${s.redraws} zoom steps per run, ${s.repeat} run(s); load ${load}`,
  );
  const results = await runDraw(s, which, (line) => console.log(line));
  const boards = results
    .map((r) => `${r.engine} ${r.objects} objects, board element ${r.boardPx.width}×${r.boardPx.height} px`)
    .join('; ');
  console.log(
    `\n${boards}; medians of ${s.repeat} run(s), load after ${loadavg()[0]?.toFixed(2)}\n` +
      formatTable(
        ['measure', 'samples', 'p50 ms', 'p95 ms', 'max ms', 'CPU ms each', 'target', ''],
        results.flatMap(engineRows),
      ),
  );
}

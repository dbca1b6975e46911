import type { OpAck } from '../shared/protocol';
import { setup as buildClient } from '../tests/setup/global-setup';
import { forkTs, nextMessage, stopChild } from './children';
import { openChromiumDraw, type Box, type DrawPage, type OpenDraw } from './draw-page';
import type { ProbeSample, ProbeState } from './draw-probe';
import { openWebkitDraw } from './draw-webkit';
import { seedOps, seedStrokes } from './draw-seed';
import { createBoard, sleep } from './live';
import type { ServerReady } from './messages';
import { connectRecorder } from './recorder';
import { percentile } from './stats';

/** The recorder's window: a laptop or a pen display at 100 % scale. */
const VIEWPORT = { width: 1280, height: 800 } as const;

export interface DrawSettings {
  strokes: number;
  /** Pointer moves per measured run (split over several strokes). */
  moves: number;
  /** Pen sample rate of the synthetic drag. */
  hz: number;
  /** Full redraws (zoom steps) per run. */
  redraws: number;
  repeat: number;
  /** Device pixels per CSS pixel: 2 for a retina laptop or an iPad (four times the pixels). */
  scale: number;
}

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export interface DrawRun {
  /** Pointermove handled to frame ready while the pen draws (per event). */
  draw: Percentiles;
  /** Each input sample's timestamp to frame ready (adds the wait for the frame). */
  drawInput: Percentiles;
  /** Frame start to frame ready of those frames: the main thread's own work per frame. */
  drawFrame: Percentiles;
  /** Renderer CPU ms per drawn frame over the drag (pen lifts and commits included). */
  drawCpuMs: number;
  /** Wheel event handled to frame ready after a zoom step (everything drawn again). */
  redraw: Percentiles;
  /** Renderer CPU ms per zoom step. */
  redrawCpuMs: number;
}

/** The engines the bench can open, in the order it runs them. */
export const DRAW_ENGINES = { chromium: openChromiumDraw, webkit: openWebkitDraw } as const;
export type DrawEngine = keyof typeof DRAW_ENGINES;

export interface DrawResult {
  engine: string;
  input: string;
  objects: number;
  boardPx: { width: number; height: number };
  runs: DrawRun[];
}

function stats(values: readonly number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.length > 0 ? (sorted[sorted.length - 1] as number) : NaN,
  };
}

async function seedBoard(url: string, boardId: string, key: string, count: number): Promise<void> {
  const socket = await connectRecorder(url, boardId, key);
  try {
    for (const op of seedOps(seedStrokes(count))) {
      // A board of 5,000 strokes is past one writer's burst: wait out rate_limited as the
      // recorder's outbox does.
      for (;;) {
        const ack: OpAck = await socket.timeout(30_000).emitWithAck('op', op);
        if (ack.ok) break;
        if (ack.reason !== 'rate_limited') throw new Error(`seed op refused: ${ack.reason}`);
        await sleep(250);
      }
    }
  } finally {
    socket.disconnect();
  }
}

/**
 * One stroke of a drag: cursive-like loops along a line across the middle of the board, in
 * page pixels, one point per pen sample.
 */
function dragPath(box: Box, line: number, lines: number, samples: number): { x: number; y: number }[] {
  const y0 = box.y + box.height * (0.25 + (0.5 * line) / Math.max(1, lines - 1));
  const x0 = box.x + box.width * 0.2;
  const span = box.width * 0.6;
  return Array.from({ length: samples }, (_, i) => {
    const t = i / (samples - 1);
    return {
      x: x0 + span * t + 14 * Math.cos(t * Math.PI * 16),
      y: y0 + 22 * Math.sin(t * Math.PI * 16),
    };
  });
}

function probe(page: DrawPage): Promise<ProbeState> {
  return page.run<ProbeState>('window.__drawProbe');
}

async function resetProbe(page: DrawPage, armed: boolean): Promise<void> {
  await page.run(
    `(() => { const p = window.__drawProbe; p.armed = ${armed}; p.moves = []; p.redraws = []; return 0; })()`,
  );
}

async function waitForRedraws(page: DrawPage, n: number): Promise<void> {
  const end = Date.now() + 30_000;
  while ((await page.run<number>('window.__drawProbe.redraws.length')) < n) {
    if (Date.now() > end) throw new Error(`${page.engine}: no frame after zoom step ${n} within 30 s`);
    await sleep(10);
  }
}

/** Zoom steps in and out around the middle of the board: each one draws every object again. */
async function redraws(page: DrawPage, count: number): Promise<ProbeSample[]> {
  const { box } = page;
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  for (let i = 0; i < count; i++) {
    await page.wheel(at, i % 2 === 0 ? -100 : 100);
    await waitForRedraws(page, i + 1);
    // Let the machine settle so one redraw does not queue behind the previous one.
    await sleep(150);
  }
  return (await probe(page)).redraws;
}

async function drawRun(page: DrawPage, s: DrawSettings): Promise<DrawRun> {
  const { box } = page;
  const lines = 4;
  const perStroke = Math.max(2, Math.ceil(s.moves / lines) + 1);
  await resetProbe(page, true);
  const cpu0 = await page.cpuSeconds();
  for (let line = 0; line < lines; line++) {
    await page.penStroke(dragPath(box, line, lines, perStroke), s.hz);
    // A recorder lifts the pen between words: the commit and its redraw happen here.
    await sleep(300);
  }
  const cpu1 = await page.cpuSeconds();
  const moves = (await probe(page)).moves;
  await resetProbe(page, true);
  const cpu2 = await page.cpuSeconds();
  const zooms = await redraws(page, s.redraws);
  const cpu3 = await page.cpuSeconds();
  await resetProbe(page, false);
  const frames = new Set(moves.map((m) => m.frameStart)).size;
  return {
    draw: stats(moves.map((m) => m.ready - m.handled)),
    drawInput: stats(moves.flatMap((m) => m.inputs.map((t) => m.ready - t))),
    drawFrame: stats([...new Set(moves.map((m) => m.ready - m.frameStart))]),
    drawCpuMs: ((cpu1 - cpu0) * 1000) / Math.max(1, frames),
    redraw: stats(zooms.map((z) => z.ready - z.handled)),
    redrawCpuMs: ((cpu3 - cpu2) * 1000) / Math.max(1, zooms.length),
  };
}

async function measure(page: DrawPage, s: DrawSettings, log: (line: string) => void): Promise<DrawResult> {
  // Warm-up: JIT, font and first-frame costs are not what a recorder feels mid-event.
  await drawRun(page, { ...s, moves: 40, redraws: 2 });
  const runs: DrawRun[] = [];
  for (let i = 0; i < s.repeat; i++) {
    const run = await drawRun(page, s);
    runs.push(run);
    log(
      `  ${page.engine} run ${i + 1}/${s.repeat}: drawing p50 ${run.draw.p50.toFixed(1)} / p95 ${run.draw.p95.toFixed(1)} ms ` +
        `(${run.draw.n} events), redraw p50 ${run.redraw.p50.toFixed(1)} / p95 ${run.redraw.p95.toFixed(1)} ms`,
    );
  }
  const objects = await page.run<number>('window.__grareco?.objectCount ?? 0');
  const errors = await page.errors();
  if (errors.length > 0) throw new Error(`${page.engine} page errors: ${errors.join('; ')}`);
  const { width, height } = page.box;
  return {
    engine: page.engine,
    input: page.input,
    objects,
    boardPx: { width: Math.round(width), height: Math.round(height) },
    runs,
  };
}

/**
 * The draw scenario: a board with `strokes` committed strokes open on a recorder page in each
 * engine in turn (never two at once: they would share the two cores); a paced pen drag
 * measures input-to-frame latency, zoom steps measure full redraws. The server runs alone in
 * its own process; the page is the only client. Every stroke the pages draw is committed, so
 * each engine starts from a board of its own, seeded alike.
 */
export async function runDraw(
  s: DrawSettings,
  engines: readonly DrawEngine[],
  log: (line: string) => void,
): Promise<DrawResult[]> {
  await buildClient();
  const server = forkTs('bench/server-child.ts');
  try {
    const ready = await nextMessage<ServerReady>(server, 'ready', 60_000);
    const results: DrawResult[] = [];
    for (const engine of engines) {
      const board = await createBoard(ready.url, ready.adminToken);
      await seedBoard(ready.url, board.id, board.drawKey, s.strokes);
      log(`  ${engine}: seeded ${s.strokes} strokes`);
      const open: OpenDraw = {
        url: `${ready.url}/b/${encodeURIComponent(board.id)}/draw?key=${encodeURIComponent(board.drawKey)}`,
        viewport: VIEWPORT,
        scale: s.scale,
        strokes: s.strokes,
        log,
      };
      const page = await DRAW_ENGINES[engine](open);
      try {
        results.push(await measure(page, s, log));
      } finally {
        await page.close();
      }
    }
    return results;
  } finally {
    await stopChild(server);
  }
}

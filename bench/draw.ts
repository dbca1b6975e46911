import type { CDPSession, Page } from 'playwright-core';
import type { OpAck } from '../shared/protocol';
import { launchChromium } from '../tests/helpers/chromium';
import { setup as buildClient } from '../tests/setup/global-setup';
import { forkTs, nextMessage, stopChild } from './children';
import { PROBE_SCRIPT, type ProbeSample, type ProbeState } from './draw-probe';
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

export interface DrawResult {
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
      const ack: OpAck = await socket.timeout(30_000).emitWithAck('op', op);
      if (!ack.ok) throw new Error(`seed op refused: ${ack.reason}`);
    }
  } finally {
    socket.disconnect();
  }
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
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

/**
 * Drives one pen stroke through CDP at a steady rate. Events are sent on a fixed schedule and
 * not awaited one by one: a busy page must not slow the pen down, or the bench would measure
 * a slower hand instead of a slower board.
 */
async function penStroke(cdp: CDPSession, points: readonly { x: number; y: number }[], hz: number) {
  const [first, ...rest] = points;
  if (!first) return;
  const base = { button: 'left', pointerType: 'pen' } as const;
  await cdp.send('Input.dispatchMouseEvent', {
    type: 'mousePressed',
    ...first,
    ...base,
    buttons: 1,
    clickCount: 1,
    force: 0.5,
  });
  const sent: Promise<unknown>[] = [];
  const start = performance.now();
  const interval = 1000 / hz;
  for (let i = 0; i < rest.length; i++) {
    const p = rest[i] as { x: number; y: number };
    const due = start + (i + 1) * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const force = 0.35 + 0.3 * Math.sin((Math.PI * i) / rest.length);
    sent.push(cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...p, ...base, buttons: 1, force }));
  }
  await Promise.all(sent);
  const last = rest[rest.length - 1] ?? first;
  await cdp.send('Input.dispatchMouseEvent', {
    type: 'mouseReleased',
    ...last,
    ...base,
    buttons: 0,
    clickCount: 1,
  });
}

async function probe(page: Page): Promise<ProbeState> {
  return page.evaluate(() => (window as unknown as { __drawProbe: ProbeState }).__drawProbe);
}

async function resetProbe(page: Page, armed: boolean): Promise<void> {
  await page.evaluate((on) => {
    const p = (window as unknown as { __drawProbe: ProbeState }).__drawProbe;
    p.armed = on;
    p.moves = [];
    p.redraws = [];
  }, armed);
}

/** Zoom steps in and out around the middle of the board: each one draws every object again. */
async function redraws(page: Page, cdp: CDPSession, box: Box, count: number): Promise<ProbeSample[]> {
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  for (let i = 0; i < count; i++) {
    await cdp.send('Input.dispatchMouseEvent', {
      type: 'mouseWheel',
      ...at,
      deltaX: 0,
      deltaY: i % 2 === 0 ? -100 : 100,
    });
    await page.waitForFunction(
      (n) => (window as unknown as { __drawProbe: ProbeState }).__drawProbe.redraws.length >= n,
      i + 1,
    );
    // Let the machine settle so one redraw does not queue behind the previous one.
    await sleep(150);
  }
  return (await probe(page)).redraws;
}

/**
 * CPU seconds the renderer process has used (all its threads, raster included). Wall-clock
 * latency on a shared 2-core machine measures the neighbours too; CPU time per frame does not.
 */
async function rendererCpu(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = metrics.find((m) => m.name === 'ProcessTime')?.value;
  return value ?? NaN;
}

async function drawRun(page: Page, cdp: CDPSession, box: Box, s: DrawSettings): Promise<DrawRun> {
  const lines = 4;
  const perStroke = Math.max(2, Math.ceil(s.moves / lines) + 1);
  await resetProbe(page, true);
  const cpu0 = await rendererCpu(cdp);
  for (let line = 0; line < lines; line++) {
    await penStroke(cdp, dragPath(box, line, lines, perStroke), s.hz);
    // A recorder lifts the pen between words: the commit and its redraw happen here.
    await sleep(300);
  }
  const cpu1 = await rendererCpu(cdp);
  const moves = (await probe(page)).moves;
  await resetProbe(page, true);
  const cpu2 = await rendererCpu(cdp);
  const zooms = await redraws(page, cdp, box, s.redraws);
  const cpu3 = await rendererCpu(cdp);
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

/**
 * The draw scenario: a board with `strokes` committed strokes open on a recorder page in
 * headless Chromium; a paced pen drag measures input-to-frame latency, zoom steps measure full
 * redraws. The server runs alone in its own process; the page is the only client.
 */
export async function runDraw(s: DrawSettings, log: (line: string) => void): Promise<DrawResult> {
  await buildClient();
  const server = forkTs('bench/server-child.ts');
  try {
    const ready = await nextMessage<ServerReady>(server, 'ready', 60_000);
    const board = await createBoard(ready.url, ready.adminToken);
    await seedBoard(ready.url, board.id, board.drawKey, s.strokes);
    log(`  seeded ${s.strokes} strokes`);
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: s.scale });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(String(err)));
      await page.addInitScript(PROBE_SCRIPT);
      const opened = performance.now();
      await page.goto(
        `${ready.url}/b/${encodeURIComponent(board.id)}/draw?key=${encodeURIComponent(board.drawKey)}`,
      );
      await page.waitForSelector('[data-testid="board"] canvas');
      await page.waitForFunction((n) => window.__grareco?.objectCount === n, s.strokes, { timeout: 120_000 });
      await page.waitForFunction(() => window.__grareco?.connection === 'online');
      log(`  recorder page shows ${s.strokes} strokes after ${Math.round(performance.now() - opened)} ms`);
      const el = await page.locator('[data-testid="board"]').boundingBox();
      if (!el) throw new Error('board element has no box');
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      // Warm-up: JIT, font and first-frame costs are not what a recorder feels mid-event.
      await drawRun(page, cdp, el, { ...s, moves: 40, redraws: 2 });
      const runs: DrawRun[] = [];
      for (let i = 0; i < s.repeat; i++) {
        const run = await drawRun(page, cdp, el, s);
        runs.push(run);
        log(
          `  run ${i + 1}/${s.repeat}: drawing p50 ${run.draw.p50.toFixed(1)} / p95 ${run.draw.p95.toFixed(1)} ms ` +
            `(${run.draw.n} events), redraw p50 ${run.redraw.p50.toFixed(1)} / p95 ${run.redraw.p95.toFixed(1)} ms`,
        );
      }
      const objects = await page.evaluate(() => window.__grareco?.objectCount ?? 0);
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
      return { objects, boardPx: { width: Math.round(el.width), height: Math.round(el.height) }, runs };
    } finally {
      await browser.close();
    }
  } finally {
    await stopChild(server);
  }
}

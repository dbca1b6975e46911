import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { CommittedOp } from '../shared/ops';
import { playbackRate, FIT } from '../client/replay/speeds';
import { videoPlan, videoSeconds } from '../client/replay/video-plan';
import { launchChromium } from '../tests/helpers/chromium';
import { NO_H264_SCRIPT, readReplay } from '../tests/helpers/replay-pages';
import { setup as buildClient } from '../tests/setup/global-setup';
import { forkTs, nextMessage, stopChild } from './children';
import { seedOps, seedStrokes } from './draw-seed';
import { createBoard } from './live';
import type { ServerReady } from './messages';
import { formatTable, type Cell } from './table';

/** 13:00 on the seminar's day, local time. */
const START = new Date(2023, 10, 16, 13, 0).getTime();
const EVENT_MS = 150 * 60_000;
/** The break: 15 minutes without a stroke, a minute of play once shortened. */
const BREAK = { from: 75 * 60_000, ms: 15 * 60_000 } as const;

/**
 * A 2.5-hour seminar's log: `strokes` handwriting strokes (draw-seed's board) one add op each,
 * spread evenly over the drawing time, with a 15-minute break in the middle.
 */
function seminarLog(strokes: number): CommittedOp[] {
  const ops = seedOps(seedStrokes(strokes)).flatMap((op) =>
    op.objects.map((o) => ({ ...op, id: `${op.id}-${o.id}`, objects: [o] })),
  );
  const drawing = EVENT_MS - BREAK.ms;
  return ops.map((op, i) => {
    const t = (i / Math.max(1, ops.length - 1)) * drawing;
    const at = START + t + (t >= BREAK.from ? BREAK.ms : 0);
    return { seq: i + 1, at: Math.round(at), actor: 'recorder', op };
  });
}

async function importBoard(url: string, adminToken: string, ops: CommittedOp[]): Promise<string> {
  const auth = { authorization: `Bearer ${adminToken}` };
  const made = await createBoard(url, adminToken);
  const archive = (await (
    await fetch(`${url}/api/boards/${made.id}/export.grareco`, { headers: auth })
  ).json()) as {
    meta: Record<string, unknown>;
  };
  const body = {
    ...archive,
    meta: { ...archive.meta, title: 'タイムラプス bench', date: '2023-11-16' },
    ops,
  };
  const res = await fetch(`${url}/api/boards/import`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`import answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

async function rendererCpu(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ProcessTime')?.value ?? NaN;
}

interface TimelapseRun {
  format: string;
  frames: number;
  videoS: number;
  wallS: number;
  cpuS: number;
  bytes: number;
  /** What ffprobe reads back, when Debian's ffmpeg is there. */
  probed: string;
}

function probe(path: string): string {
  try {
    const out = execFileSync(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'stream=codec_name:format=duration', '-of', 'csv=p=0', path],
      { encoding: 'utf8' },
    );
    return out.trim().split('\n').join(' ');
  } catch {
    return 'no ffprobe';
  }
}

async function exportOnce(page: Page, cdp: CDPSession, dir: string, label: string): Promise<TimelapseRun> {
  await page.getByTestId('replay-speed').selectOption(FIT);
  const { duration } = await readReplay(page);
  const plan = videoPlan(duration, playbackRate(FIT, duration));
  const cpu0 = await rendererCpu(cdp);
  const t0 = performance.now();
  await page.getByTestId('replay-export').click();
  await page.waitForSelector('[data-testid="replay-download"], [data-testid="replay-export-error"]', {
    timeout: 30 * 60_000,
  });
  const wallS = (performance.now() - t0) / 1000;
  const cpuS = (await rendererCpu(cdp)) - cpu0;
  if ((await page.getByTestId('replay-export-error').count()) > 0) throw new Error(`${label}: export failed`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('replay-download').click(),
  ]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const bytes = statSync(path).size;
  return {
    format: label,
    frames: plan.frames,
    videoS: videoSeconds(plan),
    wallS,
    cpuS,
    bytes,
    probed: probe(path),
  };
}

/**
 * `npm run bench -- timelapse`: the time-lapse export of a 2.5-hour seminar board
 * (BENCH_TIMELAPSE_STROKES, default 3000 strokes) fitted into 60 s, as MP4 (H.264) and as the
 * WebM fallback (VP9, H.264 hidden from the page), in headless Chromium without a GPU:
 * encode wall time against the video's length, renderer CPU, file size.
 */
export async function timelapseBench(strokes: number): Promise<void> {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `timelapse: ${strokes} strokes over 2.5 h (a 15-min break), 「60秒に収める」, 1920×1080 30 fps, ` +
      `headless Chromium without GPU; load ${load}`,
  );
  await buildClient();
  const server = forkTs('bench/server-child.ts');
  const dir = mkdtempSync(join(tmpdir(), 'grareco-timelapse-'));
  try {
    const ready = await nextMessage<ServerReady>(server, 'ready', 60_000);
    const id = await importBoard(ready.url, ready.adminToken, seminarLog(strokes));
    const browser = await launchChromium();
    const runs: TimelapseRun[] = [];
    try {
      for (const [label, script] of [
        ['MP4 (H.264)', null],
        ['WebM (VP9, fallback)', NO_H264_SCRIPT],
      ] as const) {
        const context = await browser.newContext({
          viewport: { width: 1280, height: 800 },
          deviceScaleFactor: 1,
        });
        if (script) await context.addInitScript(script);
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (err) => errors.push(String(err)));
        await page.goto(`${ready.url}/b/${id}/replay?key=${encodeURIComponent(ready.adminToken)}`);
        await page.waitForSelector('[data-testid="replay-export"]:not([disabled])', { timeout: 120_000 });
        const cdp = await context.newCDPSession(page);
        await cdp.send('Performance.enable');
        const run = await exportOnce(page, cdp, dir, label);
        runs.push(run);
        console.log(
          `  ${label}: ${run.frames} frames in ${run.wallS.toFixed(1)} s (${run.probed})` +
            (errors.length > 0 ? `; page errors: ${errors.join('; ')}` : ''),
        );
        await context.close();
      }
    } finally {
      await browser.close();
    }
    const rows: Cell[][] = runs.map((r) => [
      r.format,
      r.frames,
      r.videoS,
      r.wallS,
      r.wallS / r.videoS,
      r.cpuS,
      r.bytes / 2 ** 20,
    ]);
    console.log(
      `\n${formatTable(
        ['format', 'frames', 'video s', 'encode wall s', 'wall / video', 'renderer CPU s', 'size MB'],
        rows,
      )}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await stopChild(server);
  }
}

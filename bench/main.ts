import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { runLive, type LiveResult } from './live';
import { runExports, type ExportTiming } from './exports';
import { runSoak } from './soak';
import { clusterBench } from './cluster';
import { drawBench } from './draw-report';
import { recoveryBench } from './recovery';
import { opCheckBench } from './op-check';
import { abuseBench } from './abuse';
import { timelapseBench } from './timelapse';
import { viewerLoadBench } from './viewer-load';
import { compareBench, lateJoinBench } from './compare';
import { median } from './stats';
import { formatTable, type Cell } from './table';

/**
 * `npm run bench [-- live | soak | exports | cluster | draw | recovery | ops | abuse | timelapse | viewer | compare]`: loopback only, bounded, stops by itself.
 * Without a scenario it runs live, then draw.
 * live: BENCH_SECONDS (default 10) of drawing per run, BENCH_REPEAT (default 1) runs per
 * viewer count, BENCH_VIEWERS (default "50,250,1000").
 * soak: SOAK_SECONDS (default 60) of drawing while SOAK_VIEWERS (default 500) join and leave.
 * exports: PDF, SVG and PNG of a 5,000-stroke board with text and images, BENCH_REPEAT times.
 * cluster: CLUSTER_VIEWERS (default 2000) viewers on one process vs two behind Redis (cluster.ts).
 * draw: pen latency and full-redraw time in Chromium and WebKitGTK on a 5,000-stroke board (draw-report.ts).
 * recovery: start to healthy, kill -9 to healthy again, export-process overhead; BENCH_REPEAT (default 5).
 * ops: the time to check and plan one op, the largest allowed and some past the limits (op-check.ts).
 * abuse: each attack of issue #14 beside a quiet phase, ABUSE_SECONDS (default 10) each (abuse.ts).
 * viewer: a phone's first load of the seminar board on 1.6 Mbit/s, 150 ms, before/after (viewer-load.ts).
 * timelapse: the time-lapse video of a 2.5-hour board fitted into 60 s, MP4 and WebM (timelapse.ts).
 * compare: grareco beside a bare Socket.IO relay, COMPARE_VIEWERS (default "200,1000") viewers,
 * COMPARE_ROUNDS (default 3) interleaved rounds of BENCH_SECONDS, then a late viewer of a
 * 5,000-stroke board in Chromium (compare.ts).
 */
const SCENARIOS = {
  live: 'live',
  soak: 'soak',
  exports: 'exports',
  draw: 'draw',
  cluster: 'cluster',
  recovery: 'recovery',
  ops: 'ops',
  abuse: 'abuse',
  timelapse: 'timelapse',
  viewer: 'viewer',
  compare: 'compare',
} as const;
type Scenario = (typeof SCENARIOS)[keyof typeof SCENARIOS];

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

function viewerCounts(name = 'BENCH_VIEWERS', fallback = '50,250,1000'): number[] {
  const raw = process.env[name] ?? fallback;
  const counts = raw.split(',').map((s) => Number(s.trim()));
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`${name}: bad list ${raw}`);
  return counts;
}

/**
 * Each viewer is one socket in the server process (and one in a viewer process). Node cannot
 * raise its own descriptor limit, and a soft limit of 1024 (a common default) is below what
 * 1,000 viewers plus the store need: warn rather than let connections fail mysteriously.
 */
function warnAboutFileLimit(maxViewers: number): void {
  const out = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim();
  const limit = out === 'unlimited' ? Infinity : Number(out);
  if (Number.isFinite(limit) && limit < maxViewers + 200) {
    console.warn(
      `warning: open-file limit is ${limit}; run \`ulimit -n 4096\` first for ${maxViewers} viewers`,
    );
  }
}

/** Latency on a shared machine measures the neighbours too: say so before numbers are quoted. */
function warnAboutLoad(): void {
  const load = loadavg()[0] ?? 0;
  const cores = availableParallelism();
  if (load > cores * 0.5) {
    console.warn(
      `warning: load average ${load.toFixed(2)} on ${cores} cores; other work will skew the numbers`,
    );
  }
}

const HEADERS = [
  'viewers',
  'live delivered / expected',
  'ops delivered / expected',
  'p50 ms',
  'p99 ms',
  'max ms',
  'server CPU s/s',
  'peak RSS MB',
  'viewer procs CPU s/s',
  'host busy %',
];

function row(r: LiveResult): Cell[] {
  return [
    r.viewers,
    `${r.liveDelivered} / ${r.liveExpected}`,
    `${r.opsDelivered} / ${r.opsExpected}`,
    r.p50,
    r.p99,
    r.max,
    r.cpu,
    r.peakRssMb,
    r.clientCpu,
    Math.round(r.hostBusy * 100),
  ];
}

function medianRow(runs: readonly LiveResult[]): Cell[] {
  const m = (pick: (r: LiveResult) => number) => median(runs.map(pick));
  return [
    runs[0]?.viewers ?? 0,
    `${m((r) => r.liveDelivered)} / ${m((r) => r.liveExpected)}`,
    `${m((r) => r.opsDelivered)} / ${m((r) => r.opsExpected)}`,
    m((r) => r.p50),
    m((r) => r.p99),
    m((r) => r.max),
    m((r) => r.cpu),
    m((r) => r.peakRssMb),
    m((r) => r.clientCpu),
    Math.round(m((r) => r.hostBusy) * 100),
  ];
}

async function live(): Promise<void> {
  const seconds = positiveInt('BENCH_SECONDS', 10);
  const repeat = positiveInt('BENCH_REPEAT', 1);
  const counts = viewerCounts();
  warnAboutFileLimit(Math.max(...counts));
  warnAboutLoad();
  console.log(
    `live: 1 recorder, 60 Hz points, sent at once or coalesced by the live window (BENCH_LIVE_WINDOW=fixed: every 33 ms), latency from the point being drawn, one add op per second; ` +
      `${seconds} s per run, ${repeat} run(s) per viewer count, viewers in 2 processes, server alone in its own`,
  );
  const all: LiveResult[] = [];
  for (const n of counts) {
    for (let i = 0; i < repeat; i++) {
      const r = await runLive(n, seconds);
      all.push(r);
      const notes = [
        r.connectFailures > 0 ? `${r.connectFailures} failed to connect` : '',
        r.disconnects > 0 ? `${r.disconnects} disconnected` : '',
        ...Object.entries(r.refusals).map(([k, v]) => `${v} refused (${k})`),
      ].filter(Boolean);
      console.log(
        `  ${n} viewers, run ${i + 1}/${repeat}: p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, ` +
          `op p50 ${r.opP50.toFixed(2)} ms${notes.length > 0 ? `; ${notes.join(', ')}` : ''}`,
      );
    }
  }
  console.log(`\n${formatTable(HEADERS, all.map(row))}`);
  if (repeat > 1) {
    const byCount = counts.map((n) => all.filter((r) => r.viewers === n));
    console.log(`\nmedians of ${repeat} runs:\n${formatTable(HEADERS, byCount.map(medianRow))}`);
  }
}

/** What `npm run bench` runs without a scenario: the server under viewers, then the board under a pen. */
const DEFAULT_SET: readonly Scenario[] = [SCENARIOS.live, SCENARIOS.draw];
const chosen = process.argv[2];
if (chosen !== undefined && !Object.hasOwn(SCENARIOS, chosen)) {
  console.error(`unknown scenario "${chosen}"; known: ${Object.keys(SCENARIOS).join(', ')}`);
  process.exit(2);
}
async function soak(): Promise<void> {
  const seconds = positiveInt('SOAK_SECONDS', 60);
  const churners = positiveInt('SOAK_VIEWERS', 500);
  warnAboutFileLimit(churners + 100);
  warnAboutLoad();
  console.log(
    `soak: 1 recorder drawing for ${seconds} s; ${churners} viewers joining and leaving (3-15 s each), ` +
      `50 steady viewers measuring latency; server RSS every 5 s`,
  );
  const r = await runSoak(seconds, churners);
  console.log(
    `\n${formatTable(
      ['t s', 'server RSS MB (after GC)', 'heap after GC MB', 'churning viewers', 'joins so far'],
      r.samples.map((s) => [Math.round(s.t), s.rssMb, s.heapMb, s.churning, s.joins]),
    )}`,
  );
  const errors =
    r.connectFailures +
    r.dropped +
    r.steadyDisconnects +
    Object.values(r.refusals).reduce((a, b) => a + b, 0);
  console.log(
    `\n${formatTable(
      [
        'joins',
        'leaves',
        'errors',
        'ops delivered / expected',
        'p50 ms',
        'p99 ms',
        'RSS growth after warm-up MB',
        'heap growth MB',
      ],
      [
        [
          r.joins,
          r.leaves,
          errors,
          `${r.opsDelivered} / ${r.opsExpected}`,
          r.p50,
          r.p99,
          r.rssGrowthMb,
          r.heapGrowthMb,
        ],
      ],
    )}`,
  );
  if (errors > 0) {
    console.log(
      `errors: ${r.connectFailures} connect failures, ${r.dropped} dropped by the server, ` +
        `${r.steadyDisconnects} steady viewers lost, refusals ${JSON.stringify(r.refusals)}` +
        (r.firstError ? `; first: ${r.firstError}` : ''),
    );
  }
}

async function exportsBench(): Promise<void> {
  const repeat = positiveInt('BENCH_REPEAT', 3);
  console.log(`exports: a 5,000-stroke board with 60 texts and 4 images; ${repeat} run(s), medians`);
  const runs: ExportTiming[][] = [];
  for (let i = 0; i < repeat; i++) runs.push(await runExports());
  const formats = runs[0]?.map((r) => r.format) ?? [];
  const rows = formats.map((format, k) => {
    const ms = median(runs.map((r) => r[k]?.ms ?? NaN));
    const mb = median(runs.map((r) => (r[k]?.bytes ?? NaN) / 2 ** 20));
    return [format, ms, mb];
  });
  console.log(`\n${formatTable(['format', 'median ms', 'size MB'], rows)}`);
}

const runners: Record<Scenario, () => Promise<void>> = {
  live,
  soak,
  exports: exportsBench,
  draw: drawBench,
  cluster: clusterBench,
  recovery: () => recoveryBench(positiveInt('BENCH_REPEAT', 5)),
  ops: opCheckBench,
  abuse: () => abuseBench(positiveInt('ABUSE_SECONDS', 10)),
  timelapse: () => timelapseBench(positiveInt('BENCH_TIMELAPSE_STROKES', 3_000)),
  viewer: () => viewerLoadBench(positiveInt('BENCH_REPEAT', 3)),
  compare: async () => {
    await compareBench(
      viewerCounts('COMPARE_VIEWERS', '200,1000'),
      positiveInt('COMPARE_ROUNDS', 3),
      positiveInt('BENCH_SECONDS', 10),
    );
    await lateJoinBench(positiveInt('COMPARE_ROUNDS', 3));
  },
};
for (const scenario of chosen === undefined ? DEFAULT_SET : [chosen as Scenario]) {
  await runners[scenario]();
}
// Sockets and timers of finished runs must not keep the process alive.
process.exit(0);

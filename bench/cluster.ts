import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { startPostgres, startRedis, uniqueSchema, type Service } from '../tests/helpers/services';
import { ask, forkTs, nextMessage, stopChild } from './children';
import { now } from './clock';
import { busyShare, hostTimes } from './host';
import { createBoard, measureOffset, serverStats, sleep } from './live';
import type { ServerReady, ServerStats, ViewerConnected, ViewerCpu, ViewerResult } from './messages';
import { benchLiveWindow, connectRecorder, record } from './recorder';
import { median, percentile, sortedConcat } from './stats';
import { formatTable } from './table';

/**
 * The cluster scenario: the same live drawing as `live`, watched by N viewers, served three
 * ways on this one machine: one process with the embedded store; one process on PostgreSQL +
 * Redis (what joining a cluster costs by itself); two processes on PostgreSQL + Redis with the
 * viewers split between them and the recorder on the first. Loopback only, bounded in time.
 */
export const CLUSTER_SETUPS = [
  { label: '1 process, SQLite', nodes: 1, shared: false },
  { label: '1 process, PostgreSQL + Redis', nodes: 1, shared: true },
  { label: '2 processes, PostgreSQL + Redis', nodes: 2, shared: true },
] as const;
export type ClusterSetup = (typeof CLUSTER_SETUPS)[number];

/** Two viewer processes, as in `live`: more would only compete with the servers for 2 cores. */
const VIEWER_PROCESSES = 2;
const SETTLE_MS = 2_000;
const DRAIN_MS = 1_500;

export interface ClusterResult {
  setup: ClusterSetup;
  viewers: number;
  connectFailures: number;
  liveDelivered: number;
  liveExpected: number;
  opsDelivered: number;
  opsExpected: number;
  p50: number;
  p95: number;
  p99: number;
  opP50: number;
  /** Messages delivered to viewers per wall second while drawing (live batches + ops). */
  deliveredPerSecond: number;
  /** CPU seconds per wall second of all grareco processes together. */
  serverCpu: number;
  /** The same for both viewer processes: near 2 means the clients took both cores. */
  clientCpu: number;
  peakRssMb: number;
  hostBusy: number;
  disconnects: number;
}

export interface ClusterServices {
  redis: Service;
  postgres: Service;
}

/** Real Redis and PostgreSQL for the bench: the environment's, or throwaway local ones. */
export async function startClusterServices(): Promise<ClusterServices> {
  const redis = await startRedis();
  if (!redis.ok) throw new Error(`cluster bench needs Redis: ${redis.reason}`);
  const postgres = await startPostgres();
  if (!postgres.ok) {
    await redis.service.stop();
    throw new Error(`cluster bench needs PostgreSQL: ${postgres.reason}`);
  }
  return { redis: redis.service, postgres: postgres.service };
}

async function clientCpuSeconds(workers: readonly ChildProcess[]): Promise<number> {
  const usage = await Promise.all(workers.map((w) => ask<ViewerCpu>(w, { type: 'cpu' }, 'cpu')));
  return usage.reduce((s, u) => s + (u.user + u.system) / 1e6, 0);
}

function sumStats(stats: readonly ServerStats[]): { cpuS: number; rssKb: number } {
  return {
    cpuS: stats.reduce((s, x) => s + (x.user + x.system) / 1e6, 0),
    rssKb: stats.reduce((s, x) => s + x.maxRssKb, 0),
  };
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

export async function runCluster(
  setup: ClusterSetup,
  viewers: number,
  seconds: number,
  services: ClusterServices,
): Promise<ClusterResult> {
  const schema = uniqueSchema('bench');
  const env: Record<string, string> = setup.shared
    ? {
        BENCH_DATABASE_URL: services.postgres.url,
        BENCH_DATABASE_SCHEMA: schema,
        BENCH_REDIS_URL: services.redis.url,
        BENCH_REDIS_KEY: `grareco-${schema}`,
      }
    : {};
  const nodes: ChildProcess[] = [];
  const workers: ChildProcess[] = [];
  try {
    // One after the other: the first node creates the schema.
    const ready: ServerReady[] = [];
    for (let i = 0; i < setup.nodes; i++) {
      const node = forkTs('bench/server-child.ts', env);
      nodes.push(node);
      ready.push(await nextMessage<ServerReady>(node, 'ready', 60_000));
    }
    const first = ready[0] as ServerReady;
    const board = await createBoard(first.url, first.adminToken);

    // Viewer process i watches node i (mod nodes): with two nodes, half the hall on each.
    for (let i = 0; i < VIEWER_PROCESSES; i++) workers.push(forkTs('bench/viewer-worker.ts'));
    const shares = workers.map((_w, i) =>
      Math.floor((viewers + VIEWER_PROCESSES - 1 - i) / VIEWER_PROCESSES),
    );
    const connected = await Promise.all(
      workers.map((w, i) =>
        ask<ViewerConnected>(
          w,
          {
            type: 'connect',
            url: (ready[i % ready.length] as ServerReady).url,
            boardId: board.id,
            key: board.viewKey,
            count: shares[i] ?? 0,
          },
          'connected',
          180_000,
        ),
      ),
    );
    const connectFailures = connected.reduce((n, c) => n + c.failed, 0);
    const firstError = connected.find((c) => c.firstError)?.firstError;
    if (connectFailures > 0) console.warn(`  ${connectFailures} viewers failed to connect: ${firstError}`);

    const recorder = await connectRecorder(first.url, board.id, board.drawKey);
    const offsets = await Promise.all(workers.map(measureOffset));
    await sleep(SETTLE_MS);

    const before = sumStats(await Promise.all(nodes.map(serverStats)));
    const clientBefore = await clientCpuSeconds(workers);
    const hostBefore = hostTimes();
    const t0 = now();
    const log = await record(recorder, seconds * 1000, benchLiveWindow(viewers));
    const wall = (now() - t0) / 1000;
    const after = sumStats(await Promise.all(nodes.map(serverStats)));
    const clientAfter = await clientCpuSeconds(workers);
    const hostAfter = hostTimes();
    await sleep(DRAIN_MS);

    const results = await Promise.all(
      workers.map((w, i) =>
        ask<ViewerResult>(
          w,
          { type: 'collect', liveSent: log.liveSent, opSent: log.opSent, offset: offsets[i] ?? 0 },
          'result',
          60_000,
        ),
      ),
    );
    recorder.close();
    const final = sumStats(await Promise.all(nodes.map(serverStats)));
    const live = sortedConcat(results.map((r) => r.liveLatencies));
    const ops = sortedConcat(results.map((r) => r.opLatencies));
    const liveDelivered = results.reduce((n, r) => n + r.liveDelivered, 0);
    const opsDelivered = results.reduce((n, r) => n + r.opsDelivered, 0);
    return {
      setup,
      viewers,
      connectFailures,
      liveDelivered,
      liveExpected: log.liveBatches * viewers,
      opsDelivered,
      // Every op sent and not refused: on a starved machine an ack can time out (the
      // recorder counts that as refused) although the op was committed and still reaches
      // the viewers.
      opsExpected:
        (Object.keys(log.opSent).length - log.opsRefused + (log.refusals['op:timeout'] ?? 0)) * viewers,
      p50: percentile(live, 50),
      p95: percentile(live, 95),
      p99: percentile(live, 99),
      opP50: percentile(ops, 50),
      deliveredPerSecond: (liveDelivered + opsDelivered) / wall,
      serverCpu: (after.cpuS - before.cpuS) / wall,
      clientCpu: (clientAfter - clientBefore) / wall,
      peakRssMb: final.rssKb / 1024,
      hostBusy: busyShare(hostBefore, hostAfter),
      disconnects: results.reduce((n, r) => n + r.disconnects, 0),
    };
  } finally {
    await Promise.all(workers.map((w) => stopChild(w)));
    await Promise.all(nodes.map((n) => stopChild(n)));
    if (setup.shared) await dropSchema(services.postgres.url, schema).catch(() => undefined);
  }
}

function positiveIntEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

/** The median of each figure over a setup's runs: one row of the side-by-side table. */
function medianOf(runs: readonly ClusterResult[]): ClusterResult {
  const m = (pick: (r: ClusterResult) => number) => median(runs.map(pick));
  const first = runs[0] as ClusterResult;
  return {
    setup: first.setup,
    viewers: first.viewers,
    connectFailures: m((r) => r.connectFailures),
    liveDelivered: m((r) => r.liveDelivered),
    liveExpected: m((r) => r.liveExpected),
    opsDelivered: m((r) => r.opsDelivered),
    opsExpected: m((r) => r.opsExpected),
    p50: m((r) => r.p50),
    p95: m((r) => r.p95),
    p99: m((r) => r.p99),
    opP50: m((r) => r.opP50),
    deliveredPerSecond: m((r) => r.deliveredPerSecond),
    serverCpu: m((r) => r.serverCpu),
    clientCpu: m((r) => r.clientCpu),
    peakRssMb: m((r) => r.peakRssMb),
    hostBusy: m((r) => r.hostBusy),
    disconnects: m((r) => r.disconnects),
  };
}

/**
 * `npm run bench -- cluster`: CLUSTER_VIEWERS (default 2000) viewers, BENCH_SECONDS (default
 * 10) of drawing per run, CLUSTER_ROUNDS (default 2) rounds of the three setups, each round in
 * a rotated order so that a busy moment of the machine does not always hit the same setup;
 * the table shows medians. Redis and PostgreSQL come from REDIS_URL / DATABASE_URL (or the
 * TEST_ ones), else throwaway local servers are started and removed.
 */
export async function clusterBench(): Promise<void> {
  const viewers = positiveIntEnv('CLUSTER_VIEWERS', 2000);
  const seconds = positiveIntEnv('BENCH_SECONDS', 10);
  const rounds = positiveIntEnv('CLUSTER_ROUNDS', 2);
  console.log(
    `cluster: ${viewers} viewers in 2 viewer processes, 1 recorder (60 Hz points in live-window batches, ` +
      `one add op per second), ${seconds} s of drawing per run, ${rounds} round(s) of ${CLUSTER_SETUPS.length} ` +
      `setups; PostgreSQL and Redis on this machine too`,
  );
  const services = await startClusterServices();
  const runs: ClusterResult[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < CLUSTER_SETUPS.length; k++) {
        const setup = CLUSTER_SETUPS[(round + k) % CLUSTER_SETUPS.length] as ClusterSetup;
        const r = await runCluster(setup, viewers, seconds, services);
        runs.push(r);
        const notes = [
          r.connectFailures > 0 ? `${r.connectFailures} failed to connect` : '',
          r.disconnects > 0 ? `${r.disconnects} disconnected` : '',
        ].filter(Boolean);
        console.log(
          `  round ${round + 1}, ${setup.label}: p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, ` +
            `host busy ${Math.round(r.hostBusy * 100)} %` +
            (notes.length > 0 ? `; ${notes.join(', ')}` : ''),
        );
      }
    }
  } finally {
    await services.redis.stop();
    await services.postgres.stop();
  }
  const results = CLUSTER_SETUPS.map((setup) => medianOf(runs.filter((r) => r.setup === setup)));
  console.log(`\nmedians of ${rounds} run(s) per setup:`);
  console.log(
    `\n${formatTable(
      [
        'setup',
        'viewers',
        'live delivered / expected',
        'ops delivered / expected',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'op p50 ms',
        'delivered msg/s',
        'server CPU s/s',
        // CPU per delivered message does not depend on how much of the machine the run got.
        'server µs/msg',
        'viewer procs CPU s/s',
        'peak RSS MB',
        'host busy %',
      ],
      results.map((r) => [
        r.setup.label,
        r.viewers,
        `${r.liveDelivered} / ${r.liveExpected}`,
        `${r.opsDelivered} / ${r.opsExpected}`,
        r.p50,
        r.p95,
        r.p99,
        r.opP50,
        Math.round(r.deliveredPerSecond),
        r.serverCpu,
        r.deliveredPerSecond > 0 ? (r.serverCpu / r.deliveredPerSecond) * 1e6 : NaN,
        r.clientCpu,
        r.peakRssMb,
        Math.round(r.hostBusy * 100),
      ]),
    )}`,
  );
}

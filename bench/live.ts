import type { ChildProcess } from 'node:child_process';
import { clockOffset, now, type ClockSample } from './clock';
import { ask, forkTs, nextMessage, stopChild } from './children';
import { busyShare, hostTimes } from './host';
import type {
  ServerReady,
  ServerStats,
  ViewerClock,
  ViewerConnected,
  ViewerCpu,
  ViewerResult,
} from './messages';
import { benchLiveWindow, connectRecorder, record } from './recorder';
import { percentile, sortedConcat } from './stats';

/**
 * Viewer processes. One process would spend its single core parsing 30k messages a second at
 * N = 1,000 and its own lag would be counted as server latency; two keep clients off the
 * critical path on a 2-core machine (more would only compete with the server for cores).
 */
const VIEWER_PROCESSES = 2;
/** After the last batch, time for in-flight messages to land before counting. */
const DRAIN_MS = 1_500;
/** Before streaming: let connection bursts, presence updates and JIT warm-up settle. */
const SETTLE_MS = 1_000;

export interface LiveResult {
  viewers: number;
  connectFailures: number;
  liveDelivered: number;
  liveExpected: number;
  opsDelivered: number;
  opsExpected: number;
  p50: number;
  p99: number;
  max: number;
  opP50: number;
  /** Server CPU seconds (user + system) per wall second while streaming. */
  cpu: number;
  /** CPU seconds per wall second of both viewer processes: near 1 each means the clients lagged. */
  clientCpu: number;
  /** Share of the whole machine that was busy while streaming (all processes, ours and others). */
  hostBusy: number;
  peakRssMb: number;
  disconnects: number;
  refusals: Record<string, number>;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function createBoard(url: string, adminToken: string) {
  const res = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'ベンチマーク bench' }),
  });
  if (res.status !== 201) throw new Error(`POST /api/boards answered ${res.status}: ${await res.text()}`);
  const board = (await res.json()) as { id: string; links: { draw: string; view: string } };
  const keyOf = (link: string) => {
    const key = new URL(link).searchParams.get('key');
    if (!key) throw new Error(`no ?key= in ${link}`);
    return key;
  };
  return { id: board.id, drawKey: keyOf(board.links.draw), viewKey: keyOf(board.links.view) };
}

export async function measureOffset(worker: ChildProcess): Promise<number> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < 20; i++) {
    const sent = now();
    const { at } = await ask<ViewerClock>(worker, { type: 'clock' }, 'clock');
    samples.push({ sent, child: at, received: now() });
  }
  return clockOffset(samples);
}

async function clientCpuSeconds(workers: readonly ChildProcess[]): Promise<number> {
  const usage = await Promise.all(workers.map((w) => ask<ViewerCpu>(w, { type: 'cpu' }, 'cpu')));
  return usage.reduce((s, u) => s + (u.user + u.system) / 1e6, 0);
}

export async function serverStats(server: ChildProcess): Promise<ServerStats> {
  return ask<ServerStats>(server, { type: 'stats' }, 'stats');
}

/** What serves the viewers: grareco itself, or the bare Socket.IO relay (bench/relay-child.ts). */
export type LiveTarget = 'grareco' | 'relay';

/** One run of the live scenario with `viewers` viewers for `seconds` of drawing. */
export async function runLive(
  viewers: number,
  seconds: number,
  target: LiveTarget = 'grareco',
): Promise<LiveResult> {
  const server = forkTs(target === 'relay' ? 'bench/relay-child.ts' : 'bench/server-child.ts');
  const workers: ChildProcess[] = [];
  try {
    const ready = await nextMessage<ServerReady>(server, 'ready', 60_000);
    // The relay has no boards and no keys: any id and key will do.
    const board =
      target === 'relay'
        ? { id: 'relay', drawKey: 'relay', viewKey: 'relay' }
        : await createBoard(ready.url, ready.adminToken);

    const shares = Array.from({ length: VIEWER_PROCESSES }, (_, i) =>
      Math.floor((viewers + VIEWER_PROCESSES - 1 - i) / VIEWER_PROCESSES),
    );
    for (let i = 0; i < VIEWER_PROCESSES; i++) workers.push(forkTs('bench/viewer-worker.ts'));
    const connected = await Promise.all(
      workers.map((w, i) =>
        ask<ViewerConnected>(
          w,
          { type: 'connect', url: ready.url, boardId: board.id, key: board.viewKey, count: shares[i] ?? 0 },
          'connected',
          120_000,
        ),
      ),
    );
    const connectFailures = connected.reduce((n, c) => n + c.failed, 0);
    const firstError = connected.find((c) => c.firstError)?.firstError;
    if (connectFailures > 0) console.warn(`  ${connectFailures} viewers failed to connect: ${firstError}`);

    const recorder = await connectRecorder(ready.url, board.id, board.drawKey);
    const offsets = await Promise.all(workers.map(measureOffset));
    await sleep(SETTLE_MS);

    const before = await serverStats(server);
    const clientBefore = await clientCpuSeconds(workers);
    const hostBefore = hostTimes();
    const t0 = now();
    const log = await record(recorder, seconds * 1000, benchLiveWindow(viewers));
    const after = await serverStats(server);
    const clientAfter = await clientCpuSeconds(workers);
    const hostAfter = hostTimes();
    const wall = (now() - t0) / 1000;
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
    const final = await serverStats(server);

    const live = sortedConcat(results.map((r) => r.liveLatencies));
    const ops = sortedConcat(results.map((r) => r.opLatencies));
    return {
      viewers,
      connectFailures,
      liveDelivered: results.reduce((n, r) => n + r.liveDelivered, 0),
      liveExpected: log.liveBatches * viewers,
      opsDelivered: results.reduce((n, r) => n + r.opsDelivered, 0),
      opsExpected: log.opsAcked * viewers,
      p50: percentile(live, 50),
      p99: percentile(live, 99),
      max: live.length > 0 ? (live[live.length - 1] as number) : NaN,
      opP50: percentile(ops, 50),
      cpu: (after.user + after.system - before.user - before.system) / 1e6 / wall,
      clientCpu: (clientAfter - clientBefore) / wall,
      hostBusy: busyShare(hostBefore, hostAfter),
      peakRssMb: final.maxRssKb / 1024,
      disconnects: results.reduce((n, r) => n + r.disconnects, 0),
      refusals: log.refusals,
    };
  } finally {
    await Promise.all(workers.map((w) => stopChild(w)));
    await stopChild(server);
  }
}

import { ask, forkTs, nextMessage, stopChild } from './children';
import { now } from './clock';
import { createBoard, measureOffset, sleep } from './live';
import type { ChurnStats, ServerReady, ServerStats, ViewerConnected, ViewerResult } from './messages';
import { benchLiveWindow, connectRecorder, record } from './recorder';
import { percentile, sortedConcat } from './stats';

/** Viewers that stay for the whole run: their latency is the one reported. */
const STEADY_VIEWERS = 50;
const SAMPLE_MS = 5_000;

export interface SoakSample {
  t: number;
  rssMb: number;
  heapMb: number;
  churning: number;
  joins: number;
}

export interface SoakResult {
  seconds: number;
  samples: SoakSample[];
  joins: number;
  leaves: number;
  connectFailures: number;
  dropped: number;
  steadyDisconnects: number;
  refusals: Record<string, number>;
  opsAcked: number;
  opsDelivered: number;
  opsExpected: number;
  p50: number;
  p99: number;
  /** RSS at the end minus RSS after warm-up (the first quarter of the run), MB. */
  rssGrowthMb: number;
  /** The same for the heap right after a full collection: retained memory. */
  heapGrowthMb: number;
  firstError?: string;
}

/**
 * One recorder draws for the whole run while `churners` viewers join and leave and 50 steady
 * viewers measure latency; the server's RSS is sampled every 5 s.
 */
export async function runSoak(seconds: number, churners: number): Promise<SoakResult> {
  const server = forkTs('bench/server-child.ts', {}, ['--expose-gc']);
  const steady = forkTs('bench/viewer-worker.ts');
  const churn = forkTs('bench/churn-worker.ts');
  try {
    const ready = await nextMessage<ServerReady>(server, 'ready', 60_000);
    const board = await createBoard(ready.url, ready.adminToken);
    const connected = await ask<ViewerConnected>(
      steady,
      { type: 'connect', url: ready.url, boardId: board.id, key: board.viewKey, count: STEADY_VIEWERS },
      'connected',
      60_000,
    );
    churn.send({
      type: 'churn',
      url: ready.url,
      boardId: board.id,
      key: board.viewKey,
      count: churners,
      seed: 7,
    });
    const offset = await measureOffset(steady);
    const recorder = await connectRecorder(ready.url, board.id, board.drawKey);

    const samples: SoakSample[] = [];
    const t0 = now();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const [s, c] = await Promise.all([
          ask<ServerStats>(server, { type: 'stats', gc: true }, 'stats'),
          ask<ChurnStats>(churn, { type: 'churn-stats' }, 'churn-stats'),
        ]);
        samples.push({
          t: (now() - t0) / 1000,
          rssMb: s.rssBytes / 2 ** 20,
          heapMb: (s.heapAfterGcBytes ?? NaN) / 2 ** 20,
          churning: c.connected,
          joins: c.joins,
        });
        const wait = SAMPLE_MS - ((now() - t0) % SAMPLE_MS);
        if (sampling) await sleep(wait);
      }
    })();
    const log = await record(recorder, seconds * 1000, benchLiveWindow(churners + 50));
    sampling = false;
    await sampler;
    await sleep(1_500);
    const result = await ask<ViewerResult>(
      steady,
      { type: 'collect', liveSent: log.liveSent, opSent: log.opSent, offset },
      'result',
      60_000,
    );
    const churnStats = await ask<ChurnStats>(churn, { type: 'churn-stats' }, 'churn-stats');
    recorder.close();
    const live = sortedConcat([result.liveLatencies]);
    const warm = samples.find((s) => s.t >= seconds / 4) ?? samples[0];
    const last = samples.at(-1);
    const out: SoakResult = {
      seconds,
      samples,
      joins: churnStats.joins,
      leaves: churnStats.leaves,
      connectFailures: churnStats.connectFailures + connected.failed,
      dropped: churnStats.dropped,
      steadyDisconnects: result.disconnects,
      refusals: log.refusals,
      opsAcked: log.opsAcked,
      opsDelivered: result.opsDelivered,
      opsExpected: log.opsAcked * STEADY_VIEWERS,
      p50: percentile(live, 50),
      p99: percentile(live, 99),
      rssGrowthMb: warm && last ? last.rssMb - warm.rssMb : NaN,
      heapGrowthMb: warm && last ? last.heapMb - warm.heapMb : NaN,
    };
    const firstError = churnStats.firstError ?? connected.firstError;
    if (firstError !== undefined) out.firstError = firstError;
    return out;
  } finally {
    await Promise.all([stopChild(steady), stopChild(churn)]);
    await stopChild(server);
  }
}

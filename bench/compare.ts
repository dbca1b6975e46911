import { loadavg } from 'node:os';
import { launchChromium } from '../tests/helpers/chromium';
import { connectClient, sendAll } from '../tests/helpers/socket-clients';
import { setup as buildClient } from '../tests/setup/global-setup';
import { forkTs, nextMessage, stopChild } from './children';
import { now } from './clock';
import { seedOps, seedStrokes } from './draw-seed';
import { createBoard, runLive, type LiveResult, type LiveTarget } from './live';
import type { ServerReady } from './messages';
import { benchLiveWindow, RECORDER_PACE } from './recorder';
import { median } from './stats';
import { formatTable, type Cell } from './table';

/**
 * `npm run bench -- compare`: the same recorder (60 Hz points, the client's live window) and
 * the same viewers against grareco and against a bare Socket.IO relay (bench/relay-child.ts:
 * no storage, no validation — the ceiling), `rounds` interleaved rounds per audience size, the
 * order alternating, medians side by side and the ratios from the same run.
 */
export async function compareBench(
  counts: readonly number[],
  rounds: number,
  seconds: number,
): Promise<void> {
  console.log(
    `compare: ${counts.join(', ')} viewers, ${rounds} interleaved rounds of ${seconds} s each; ` +
      `live window ${counts.map((n) => `${Math.round(benchLiveWindow(n))} ms at ${n}`).join(', ')}; ` +
      `latency from the point being drawn; load ${loadavg()[0]?.toFixed(2)}`,
  );
  const rows: Cell[][] = [];
  for (const viewers of counts) {
    const runs: Record<LiveTarget, LiveResult[]> = { grareco: [], relay: [] };
    for (let r = 0; r < rounds; r++) {
      const order: LiveTarget[] = r % 2 === 0 ? ['grareco', 'relay'] : ['relay', 'grareco'];
      for (const target of order) {
        const result = await runLive(viewers, seconds, target);
        runs[target].push(result);
        console.log(
          `  ${viewers} viewers, ${target}, round ${r + 1}: p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, ` +
            `delivered ${result.liveDelivered}/${result.liveExpected}`,
        );
      }
    }
    const m = (target: LiveTarget, pick: (r: LiveResult) => number) => median(runs[target].map(pick));
    const perViewerPoint = (r: LiveResult) => (r.cpu * 1e6) / (r.viewers * RECORDER_PACE.sampleHz);
    const delivered = (r: LiveResult) => (100 * r.liveDelivered) / Math.max(1, r.liveExpected);
    for (const target of ['grareco', 'relay'] as const) {
      rows.push([
        viewers,
        target,
        m(target, (r) => r.p50),
        m(target, (r) => r.p99),
        m(target, delivered).toFixed(1),
        m(target, perViewerPoint).toFixed(2),
        Math.round(m(target, (r) => r.peakRssMb)),
      ]);
    }
    const ratio = (pick: (r: LiveResult) => number) => (m('grareco', pick) / m('relay', pick)).toFixed(2);
    rows.push([
      viewers,
      'grareco / relay',
      ratio((r) => r.p50),
      ratio((r) => r.p99),
      '',
      ratio(perViewerPoint),
      ratio((r) => r.peakRssMb),
    ]);
  }
  console.log(
    formatTable(
      [
        'viewers',
        'server',
        'point→viewer p50 ms',
        'p99 ms',
        'delivered %',
        'server µs / viewer·point',
        'peak RSS MB',
      ],
      rows,
    ),
  );
}

/**
 * A late viewer of a 5,000-stroke board (the seed of the draw bench, 2.5 hours of lettering)
 * on loopback in Chromium: from navigation until every record is in, the socket is online,
 * the board's canvas has finished a render holding them all and two more frames are drawn;
 * then the page's JS heap after a collection. Beside it, interleaved, the same with the
 * outline-ranking worker blocked. Medians of `runs` loads each after one round left out (the
 * server's snapshot cache and the bundle's compression are made by the first).
 */
export async function lateJoinBench(runs: number, strokes = 5_000): Promise<void> {
  await buildClient();
  const server = forkTs('bench/server-child.ts');
  const browser = await launchChromium();
  try {
    const ready = await nextMessage<ServerReady>(server, 'ready', 60_000);
    const board = await createBoard(ready.url, ready.adminToken);
    const recorder = await connectClient(ready.url, board.id, board.drawKey);
    await sendAll(recorder, seedOps(seedStrokes(strokes)));
    recorder.close();
    // Interleaved, so the machine's drift falls on both alike: the page as it is, and with
    // the outline-ranking worker's script blocked (the page ranks on its own thread).
    const variants = [
      { name: 'grareco viewer, loopback', blockWorker: false, times: [] as number[], heaps: [] as number[] },
      {
        name: 'the same, ranks on the page thread',
        blockWorker: true,
        times: [] as number[],
        heaps: [] as number[],
      },
    ];
    for (let i = 0; i <= runs; i++) {
      for (const v of i % 2 ? [...variants].reverse() : variants) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
        const page = await context.newPage();
        if (v.blockWorker) await page.route('**/outline-rank-worker*', (route) => route.abort());
        const t0 = now();
        await page.goto(`${ready.url}/b/${board.id}/view?key=${board.viewKey}`);
        await page.waitForFunction(
          (n) =>
            (window.__grareco?.objectCount ?? 0) >= n &&
            (window.__grareco?.paintedObjects ?? 0) >= n &&
            window.__grareco?.connection === 'online',
          strokes,
          { timeout: 120_000, polling: 20 },
        );
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        if (i > 0) v.times.push(now() - t0);
        // What the loaded board keeps: the page's JS heap once garbage is collected.
        const cdp = await context.newCDPSession(page);
        await cdp.send('HeapProfiler.enable');
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        if (i > 0) v.heaps.push(usedSize / 1e6);
        await context.close();
      }
    }
    console.log(
      formatTable(
        ['late join', 'strokes', 'navigation → painted ms (median)', 'runs ms', 'JS heap MB after'],
        variants.map((v) => [
          v.name,
          strokes,
          Math.round(median(v.times)),
          v.times.map(Math.round).join(', '),
          Math.round(median(v.heaps)),
        ]),
      ),
    );
  } finally {
    await browser.close();
    await stopChild(server);
  }
}

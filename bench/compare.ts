import { loadavg } from 'node:os';
import { runLive, type LiveResult, type LiveTarget } from './live';
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

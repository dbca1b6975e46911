import { loadavg } from 'node:os';
import { launchChromium } from '../tests/helpers/chromium';
import { createSeminarBoard } from '../tests/helpers/seminar-board';
import { HALL_WIFI, loadViewer } from '../tests/helpers/viewer-load';
import { setup as buildClient } from '../tests/setup/global-setup';
import { forkTs, nextMessage, stopChild } from './children';
import type { ServerReady } from './messages';
import { formatTable, type Cell } from './table';

/**
 * A phone's first load of the seminar board (template, 16 notes, `strokes` strokes) on the
 * hall's Wi-Fi as one of 250 phones gets it (Chromium's emulated 1.6 Mbit/s, 150 ms): until
 * the board is drawn online with its fonts loaded. Before: the full font's unicode-range
 * slices (the board's face refused); after: the board's own face. Medians of `runs` loads;
 * the first load of each kind is left out (it has the board's faces built or the bundle
 * compressed, which the hall's first phone pays once).
 */
export async function viewerLoadBench(runs: number, strokes = 300): Promise<void> {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `viewer-load: the seminar board (${strokes} strokes, Japanese headings and notes) on a 360×740 phone, ` +
      `${(HALL_WIFI.downBytesPerS * 8) / 1e6} Mbit/s, ${HALL_WIFI.latencyMs} ms; ${runs} runs each; load ${load}`,
  );
  await buildClient();
  const server = forkTs('bench/server-child.ts');
  const browser = await launchChromium();
  try {
    const ready = await nextMessage<ServerReady>(server, 'ready', 60_000);
    const board = await createSeminarBoard(ready.url, ready.adminToken, strokes);
    const rows: Cell[][] = [];
    for (const [name, slicesOnly] of [
      ['before: full-font slices', true],
      ['after: the board’s own face', false],
    ] as const) {
      const warm = await loadViewer(browser, board.links.view, null, { slicesOnly });
      await warm.close();
      const seen: { ms: number; kb: number; requests: number; fonts: number; fontKb: number }[] = [];
      for (let i = 0; i < runs; i++) {
        const l = await loadViewer(browser, board.links.view, HALL_WIFI, { slicesOnly });
        seen.push({
          ms: l.firstPaintMs,
          kb: l.bytes / 1000,
          requests: l.requests,
          fonts: l.fontRequests,
          fontKb: (l.bytesByType['Font'] ?? 0) / 1000,
        });
        await l.close();
      }
      const med = (pick: (s: (typeof seen)[number]) => number) => {
        const v = seen.map(pick).sort((a, b) => a - b);
        return v[Math.floor(v.length / 2)] ?? 0;
      };
      rows.push([
        name,
        Math.round(med((s) => s.ms)),
        Math.round(med((s) => s.kb)),
        med((s) => s.requests),
        med((s) => s.fonts),
        Math.round(med((s) => s.fontKb)),
      ]);
    }
    console.log(
      formatTable(
        ['viewer first load', 'first full paint ms', 'kB transferred', 'requests', 'font files', 'font kB'],
        rows,
      ),
    );
  } finally {
    await browser.close();
    await stopChild(server);
  }
}

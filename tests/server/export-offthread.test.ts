import { childPids, isRunning } from '../helpers/child-processes';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stroke } from '../../shared/objects/stroke';
import { addOp } from '../helpers/fixtures';
import { connectClient, createBoard, type CreatedBoard, keyOf, waitUntil } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

function scribble(id: string, i: number): Stroke {
  const points: Stroke['points'] = [];
  for (let k = 0; k < 40; k++) points.push([((i * 37) % 3700) + k * 3, (i * 53) % 2100, 0.5]);
  return {
    id,
    type: 'stroke',
    tool: 'pen',
    color: '#1f2328',
    size: 10,
    opacity: 1,
    simulatePressure: true,
    points,
  };
}

describe('exports off the main thread', () => {
  let server: Server;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = await startTestServer('memory');
    board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    // Seeded through the board's writer: 120,000 points at once is past any one socket's share.
    for (let op = 0; op < 15; op++) {
      const strokes = Array.from({ length: 200 }, (_, k) => scribble(`s${op}-${k}`, op * 200 + k));
      expect((await server.boards.writer.submit(board.id, 'seed', addOp(...strokes))).ok).toBe(true);
    }
    recorder.close();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('keeps the event loop free while a 3,000-stroke PDF is made', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/boards/${board.id}/export.pdf`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    const bytes = (await res.arrayBuffer()).byteLength;
    const took = performance.now() - t0;
    delay.disable();
    expect(res.status).toBe(200);
    expect(bytes).toBeGreaterThan(100_000);
    // The export took a while, yet the server's loop never stopped for long: on the main
    // thread the longest stall would be most of the export itself. Relative, so a machine
    // busy with other work (which stalls everything a little) does not fail it.
    expect(took).toBeGreaterThan(300);
    expect(delay.max / 1e6).toBeLessThan(took * 0.5);
  });

  it('stops the work when the download is cancelled, and the next export still runs', async () => {
    const abort = new AbortController();
    const pending = fetch(`${server.url}/api/boards/${board.id}/export.png?size=print`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      signal: abort.signal,
    });
    await waitUntil(() => childPids('export-child').length > 0, 20_000, 'the export process');
    const [pid] = childPids('export-child');
    // Let it get going, so a cancel that only ignored the result would leave it rendering.
    await new Promise((r) => setTimeout(r, 300));
    abort.abort();
    await expect(pending).rejects.toThrow();
    await waitUntil(() => !isRunning(pid as number), 2_000, 'the export process to be killed');
    expect(childPids('export-child')).toEqual([]);
    const next = await fetch(`${server.url}/api/boards/${board.id}/export.svg`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(next.status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../shared/job-progress';
import type { Stroke } from '../../shared/objects/stroke';
import { childPids, isRunning } from '../helpers/child-processes';
import { jobStatus, pollJob, startJob } from '../helpers/export-jobs';
import { addOp, makeStroke } from '../helpers/fixtures';
import {
  connectClient,
  createBoard,
  keyOf,
  sendAll,
  waitUntil,
  type CreatedBoard,
} from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const EXPORT_CHILD = 'export-child';

function scribble(id: string, i: number): Stroke {
  const points: Stroke['points'] = [];
  for (let k = 0; k < 40; k++) points.push([((i * 37) % 3700) + k * 3, (i * 53) % 2100, 0.5]);
  return {
    ...makeStroke(0, 0, 1, id),
    tool: i % 3 === 0 ? 'highlighter' : 'pen',
    opacity: i % 3 === 0 ? 0.35 : 1,
    points,
  };
}

async function boardWithInk(server: Server): Promise<CreatedBoard> {
  const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
  const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
  await sendAll(
    recorder,
    Array.from({ length: 4 }, (_, op) =>
      addOp(...Array.from({ length: 200 }, (_, k) => scribble(`s${op}-${k}`, op * 200 + k))),
    ),
  );
  recorder.close();
  return board;
}

/**
 * The live board while something else happens: healthz polled every 50 ms, a recorder
 * sending a stroke every 40 ms, a viewer counting what reaches it and any disconnect.
 */
async function watchLiveBoard(server: Server, board: CreatedBoard) {
  const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
  const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
  let viewerDrops = 0;
  viewer.socket.on('disconnect', () => viewerDrops++);
  const healthFailures: string[] = [];
  let healthChecks = 0;
  let acked = 0;
  let running = true;
  const health = (async () => {
    while (running) {
      try {
        const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
        if (res.status !== 200) healthFailures.push(`status ${res.status}`);
      } catch (err) {
        healthFailures.push(String(err));
      }
      healthChecks++;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const drawing = (async () => {
    for (let i = 0; running; i++) {
      const ack = await recorder.send(addOp(makeStroke(100 + (i % 50) * 20, 100, 6)));
      if (ack.ok) acked++;
      await new Promise((r) => setTimeout(r, 40));
    }
  })();
  return {
    async stop() {
      running = false;
      await Promise.all([health, drawing]);
      await waitUntil(() => viewer.ops.length >= acked, 5_000, 'the viewer to get every acked op');
      const result = { healthFailures, healthChecks, acked, viewerOps: viewer.ops.length, viewerDrops };
      recorder.close();
      viewer.close();
      return result;
    },
  };
}

/** Starts a print PNG job and waits until its export process is drawing bands. */
async function exportMidJob(server: Server, board: CreatedBoard): Promise<{ job: JobView; pid: number }> {
  const started = await startJob(server.url, board.id, { format: 'png', size: 'print' });
  expect(started.status).toBe(202);
  let pid: number | undefined;
  await waitUntil(
    () => {
      pid = childPids(EXPORT_CHILD)[0];
      return pid !== undefined;
    },
    20_000,
    'the export process',
  );
  const until = Date.now() + 20_000;
  for (;;) {
    const { body } = await jobStatus(server.url, board.id, started.job.id);
    if (body.phase === 'render' || body.phase === 'parse' || body.state !== 'running') break;
    if (Date.now() > until) throw new Error('the export never got to rendering');
    await new Promise((r) => setTimeout(r, 20));
  }
  return { job: started.job, pid: pid as number };
}

async function expectNextExportWorks(server: Server, board: CreatedBoard): Promise<void> {
  const next = await startJob(server.url, board.id, { format: 'png', size: 'web' });
  const seen = await pollJob(server.url, board.id, next.job.id);
  expect(seen.at(-1)?.state).toBe('done');
}

describe('heavy work in child processes', () => {
  let server: Server;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = await startTestServer('memory');
    board = await boardWithInk(server);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('runs an export in a child process of the server, gone when the job is done', async () => {
    const { job, pid } = await exportMidJob(server, board);
    expect(pid).not.toBe(process.pid);
    const seen = await pollJob(server.url, board.id, job.id);
    expect(seen.at(-1)?.state).toBe('done');
    await waitUntil(() => !isRunning(pid), 5_000, 'the export process to exit');
  });

  for (const signal of ['SIGKILL', 'SIGABRT'] as const) {
    it(`keeps the live board serving when the export process dies of ${signal} mid-job`, async () => {
      const live = await watchLiveBoard(server, board);
      await new Promise((r) => setTimeout(r, 200));
      const { job, pid } = await exportMidJob(server, board);
      process.kill(pid, signal);
      const seen = await pollJob(server.url, board.id, job.id);
      await new Promise((r) => setTimeout(r, 300));
      const result = await live.stop();

      const last = seen.at(-1);
      expect(last?.state).toBe('failed');
      expect(last?.error).toBe('export_failed');
      expect(last?.detail).toContain('crashed');
      expect(last?.detail).toContain(signal);
      expect(result.healthFailures).toEqual([]);
      expect(result.healthChecks).toBeGreaterThan(5);
      expect(result.viewerDrops).toBe(0);
      expect(result.acked).toBeGreaterThan(5);
      expect(result.viewerOps).toBeGreaterThanOrEqual(result.acked);
      await expectNextExportWorks(server, board);
    });
  }

  it('answers a direct download whose export process died with export_failed, not a crash', async () => {
    // A process of an earlier test may still be on its way out: this download's is a new one.
    const earlier = new Set(childPids(EXPORT_CHILD));
    const download = fetch(`${server.url}/api/boards/${board.id}/export.png?size=print`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    const fresh = () => childPids(EXPORT_CHILD).filter((pid) => !earlier.has(pid));
    await waitUntil(() => fresh().length > 0, 20_000, 'the export process');
    for (const pid of fresh()) process.kill(pid, 'SIGKILL');
    const res = await download;
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: 'export_failed' });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('export process limits', () => {
  it('ends a job whose export process passes its memory limit with out_of_memory', async () => {
    const server = await startTestServer('memory', { exportLimits: { memoryMb: 40, timeoutMs: 60_000 } });
    try {
      const board = await boardWithInk(server);
      const { job } = await startJob(server.url, board.id, { format: 'png', size: 'print' }).then((s) => s);
      const last = (await pollJob(server.url, board.id, job.id)).at(-1);
      expect(last?.state).toBe('failed');
      expect(last?.error).toBe('export_failed');
      expect(last?.detail).toContain('out_of_memory');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('ends a job whose export process runs past its time with timed_out, and kills it', async () => {
    const server = await startTestServer('memory', { exportLimits: { memoryMb: 1024, timeoutMs: 300 } });
    try {
      const board = await boardWithInk(server);
      const { job } = await startJob(server.url, board.id, { format: 'png', size: 'print' });
      const last = (await pollJob(server.url, board.id, job.id)).at(-1);
      expect(last?.state).toBe('failed');
      expect(last?.detail).toContain('timed_out');
      await waitUntil(() => childPids(EXPORT_CHILD).length === 0, 5_000, 'the killed process to go');
    } finally {
      await server.stop();
    }
  });
});

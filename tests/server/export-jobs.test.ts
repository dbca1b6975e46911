import { childPids, isRunning, processCpuMs } from '../helpers/child-processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobView } from '../../shared/job-progress';
import type { Stroke } from '../../shared/objects/stroke';
import { ADMIN, decodePng, jobStatus, pollJob, startJob } from '../helpers/export-jobs';
import { addOp } from '../helpers/fixtures';
import { connectClient, keyOf, waitUntil, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

function scribble(id: string, i: number): Stroke {
  const points: Stroke['points'] = [];
  for (let k = 0; k < 40; k++) points.push([1200 + ((i * 37) % 3600) + k * 3, 1200 + ((i * 53) % 2200), 0.5]);
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

/** A thick bar in the top-left corner, where no scribble goes: its pixels are checked. */
function bar(): Stroke {
  const points: Stroke['points'] = [];
  for (let x = 200; x <= 900; x += 20) points.push([x, 400, 0.5]);
  return {
    id: 'bar',
    type: 'stroke',
    tool: 'marker',
    color: '#1f2328',
    size: 80,
    opacity: 1,
    simulatePressure: false,
    points,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the job is in one of these phases (or finished). */
async function untilPhase(url: string, boardId: string, id: string, phases: string[]): Promise<JobView> {
  for (;;) {
    const { body } = await jobStatus(url, boardId, id);
    if (phases.includes(body.phase) || body.state !== 'running') return body;
    await sleep(20);
  }
}

describe('export jobs: progress and cancel', () => {
  let server: Server;
  let board: CreatedBoard;
  let other: CreatedBoard;

  beforeAll(async () => {
    server = await startTestServer('memory');
    const create = async (body: object) => {
      const res = await fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { ...ADMIN, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as CreatedBoard;
    };
    // The print preset: A landscape, so the print PNG is exactly A3 at 300 dpi.
    board = await create({ title: '印刷用', width: 4961, height: 3508 });
    other = await create({ title: 'ほかのボード' });
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    expect((await recorder.send(addOp(bar()))).ok).toBe(true);
    // Seeded through the board's writer: 120,000 points at once is past any one socket's share.
    for (let op = 0; op < 15; op++) {
      const strokes = Array.from({ length: 200 }, (_, k) => scribble(`s${op}-${k}`, op * 200 + k));
      expect((await server.boards.writer.submit(board.id, 'seed', addOp(...strokes))).ok).toBe(true);
    }
    recorder.close();
  }, 60_000);
  afterAll(async () => {
    await server.stop();
  });

  it('reports real progress of a print PNG, keeps the server answering, and hands over a 4961×3508 PNG', async () => {
    const started = await startJob(server.url, board.id, { format: 'png', size: 'print' });
    expect(started.status).toBe(202);
    expect(started.job).toMatchObject({ kind: 'png', state: 'running' });
    expect(started.job.id).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    // While it runs, other requests answer at once.
    let probing = true;
    const latencies: number[] = [];
    const probe = (async () => {
      while (probing) {
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/boards/${other.id}`, { headers: ADMIN });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        await sleep(25);
      }
    })();
    const t0 = performance.now();
    const seen = await pollJob(server.url, board.id, started.job.id);
    const took = performance.now() - t0;
    probing = false;
    await probe;

    const last = seen.at(-1);
    expect(last).toMatchObject({ state: 'done', progress: 1 });
    // The phases come in the plan's order, each seen while it ran.
    const phases = [...new Set(seen.map((s) => s.phase))];
    const order = ['queued', 'scene', 'parse', 'render', 'encode'];
    expect(phases.map((p) => order.indexOf(p))).toEqual([...phases.map((p) => order.indexOf(p))].sort());
    expect(phases).toContain('render');
    // Row counts from the renderer: several bands seen part-way, of the image's 3,508 rows.
    const rendering = seen.filter((s) => s.phase === 'render' && s.state === 'running');
    expect(rendering.every((s) => s.total === 3508)).toBe(true);
    expect(new Set(rendering.map((s) => s.done)).size).toBeGreaterThanOrEqual(2);
    expect(rendering.some((s) => s.done > 0 && s.done < 3508)).toBe(true);
    const overall = seen.map((s) => s.progress);
    expect(overall).toEqual([...overall].sort((a, b) => a - b));

    expect(latencies.length).toBeGreaterThan(3);
    // The loop stays free: no answer took more than a fraction of the export itself.
    expect(Math.max(...latencies)).toBeLessThan(Math.max(300, took * 0.25));

    const file = await fetch(`${server.url}/api/boards/${board.id}/export-jobs/${started.job.id}/file`, {
      headers: ADMIN,
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toContain(encodeURIComponent('印刷用'));
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.length).toBe(last?.bytes);
    const png = decodePng(bytes);
    expect([png.width, png.height]).toEqual([4961, 3508]);
    // Scale 1: the bar is at board units (200–900, 400); the corner beyond it is blank.
    expect(Math.max(...png.rgb(550, 400))).toBeLessThan(80);
    expect(png.rgb(100, 3400)).toEqual([255, 255, 255]);
    expect(png.rgb(4900, 100)).toEqual([255, 255, 255]);
    console.log(`print PNG job: ${Math.round(took)} ms, ${seen.length} polls, ${bytes.length} bytes`);
  }, 180_000);

  it('cancels: DELETE kills the export process (gone, its CPU stops), the job is gone, the next job runs', async () => {
    const { job } = await startJob(server.url, board.id, { format: 'png', size: 'print' });
    const at = await untilPhase(server.url, board.id, job.id, ['render']);
    expect(at.state).toBe('running');
    const [pid] = childPids('export-child');
    expect(pid).toBeDefined();
    // Busy rendering: it burns CPU (waited for, not timed: a loaded machine gives it less).
    const c0 = processCpuMs(pid as number) ?? 0;
    const t0 = Date.now();
    await waitUntil(
      () => (processCpuMs(pid as number) ?? 0) - c0 >= 60,
      10_000,
      'the export process to burn CPU',
    );
    const busy = (processCpuMs(pid as number) ?? 0) - c0;
    const busyFor = Date.now() - t0;

    const del = await fetch(`${server.url}/api/boards/${board.id}/export-jobs/${job.id}`, {
      method: 'DELETE',
      headers: ADMIN,
    });
    expect(del.status).toBe(204);
    const gone = await jobStatus(server.url, board.id, job.id);
    expect(gone).toMatchObject({ status: 404, body: { error: 'unknown_job' } });
    // The work really stopped: the process that did it no longer exists, and no other took over.
    await waitUntil(() => !isRunning(pid as number), 3_000, 'the export process to be killed');
    console.log(
      `cancel: the export process used ${Math.round(busy)} ms CPU in ${busyFor} ms rendering, then was gone`,
    );
    await sleep(300);
    expect(childPids('export-child')).toEqual([]);

    const next = await startJob(server.url, board.id, { format: 'svg' });
    const done = await pollJob(server.url, board.id, next.job.id);
    expect(done.at(-1)?.state).toBe('done');
  }, 120_000);

  it('refuses clearly: unknown job, another board’s job, no key, wrong or lesser key, bad body', async () => {
    const { job } = await startJob(server.url, board.id, { format: 'svg' });
    await pollJob(server.url, board.id, job.id);
    expect(await jobStatus(server.url, board.id, 'no-such-job')).toMatchObject({
      status: 404,
      body: { error: 'unknown_job' },
    });
    // A job id is only good on its own board.
    expect((await jobStatus(server.url, other.id, job.id)).status).toBe(404);
    expect((await jobStatus(server.url, board.id, job.id, {})).status).toBe(401);
    expect((await jobStatus(server.url, board.id, job.id, { authorization: 'Bearer nope' })).status).toBe(
      403,
    );
    const view = { authorization: `Bearer ${keyOf(board.links.view)}` };
    const edit = { authorization: `Bearer ${keyOf(board.links.draw)}` };
    expect((await jobStatus(server.url, board.id, job.id, view)).status).toBe(403);
    expect((await startJob(server.url, board.id, { format: 'png' }, edit)).status).toBe(403);
    const del = await fetch(`${server.url}/api/boards/${board.id}/export-jobs/${job.id}`, {
      method: 'DELETE',
      headers: view,
    });
    expect(del.status).toBe(403);
    expect((await startJob(server.url, board.id, { format: 'gif' })).status).toBe(400);
    expect((await startJob(server.url, board.id, { format: 'png', size: 'huge' })).status).toBe(400);
    expect((await startJob(server.url, 'no-such-board', { format: 'svg' })).status).toBe(404);
    // The job survived all that: its file is still there, until it is deleted.
    const url = `${server.url}/api/boards/${board.id}/export-jobs/${job.id}`;
    expect((await fetch(`${url}/file`, { headers: ADMIN })).status).toBe(200);
    expect((await fetch(url, { method: 'DELETE', headers: ADMIN })).status).toBe(204);
    expect((await fetch(`${url}/file`, { headers: ADMIN })).status).toBe(404);
  }, 60_000);

  it('answers 409 for the file of a job still running', async () => {
    const { job } = await startJob(server.url, board.id, { format: 'png', size: 'print' });
    const url = `${server.url}/api/boards/${board.id}/export-jobs/${job.id}`;
    const early = await fetch(`${url}/file`, { headers: ADMIN });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: 'job_not_ready', state: 'running' });
    expect((await fetch(url, { method: 'DELETE', headers: ADMIN })).status).toBe(204);
  });
});

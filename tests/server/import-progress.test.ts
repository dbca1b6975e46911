import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../shared/archive';
import { ADMIN } from '../helpers/export-jobs';
import { addOp, makeStroke } from '../helpers/fixtures';
import { createBoard } from '../helpers/socket-clients';
import { startTestServer } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

interface Line {
  type: 'progress' | 'done' | 'refused' | 'failed';
  phase?: string;
  done?: number;
  total?: number;
  progress?: number;
  status?: number;
  error?: string;
  board?: { id: string; title: string; seq: number; links: { draw: string } };
}

const OPS = 8_000;

/** Reads the NDJSON answer line by line; stopAt may abort the request on a line. */
async function readLines(res: Response, stopAt?: (line: Line) => boolean): Promise<Line[]> {
  const lines: Line[] = [];
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  let rest = '';
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      return lines; // aborted
    }
    if (chunk.done) return lines;
    rest += decoder.decode(chunk.value, { stream: true });
    let nl: number;
    while ((nl = rest.indexOf('\n')) >= 0) {
      const line = JSON.parse(rest.slice(0, nl)) as Line;
      rest = rest.slice(nl + 1);
      lines.push(line);
      if (stopAt?.(line)) {
        await reader.cancel().catch(() => undefined);
        return lines;
      }
    }
  }
}

describe('archive import with progress', () => {
  let server: Server;
  let big: string;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const board = await createBoard(server.url, ADMIN.authorization.slice(7), '大きな記録');
    const res = await fetch(`${server.url}/api/boards/${board.id}/export.grareco`, { headers: ADMIN });
    const base = (await res.json()) as Archive;
    // A long event's log: one stroke per op, as a recorder commits them.
    const ops = Array.from({ length: OPS }, (_, i) => ({
      seq: i + 1,
      at: 1_700_000_000_000 + i * 1000,
      actor: 'recorder',
      op: addOp(makeStroke((i * 37) % 3600, (i * 53) % 2000, 40, `s${i}`)) as unknown as Record<
        string,
        unknown
      >,
    }));
    big = JSON.stringify({ ...base, ops });
  });
  afterAll(async () => {
    await server.stop();
  });

  async function boardCount(): Promise<number> {
    const res = await fetch(`${server.url}/api/boards`, { headers: ADMIN });
    return ((await res.json()) as { boards: unknown[] }).boards.length;
  }

  function post(body: string, signal?: AbortSignal): Promise<Response> {
    return fetch(`${server.url}/api/boards/import?progress=1`, {
      method: 'POST',
      headers: ADMIN,
      body,
      ...(signal ? { signal } : {}),
    });
  }

  it('streams the replay’s real counts, then the new board; other requests keep answering', async () => {
    const before = await boardCount();
    let probing = true;
    const latencies: number[] = [];
    const probe = (async () => {
      while (probing) {
        const t0 = performance.now();
        await (await fetch(`${server.url}/healthz`)).arrayBuffer();
        latencies.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const t0 = performance.now();
    const res = await post(big);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = await readLines(res);
    const took = performance.now() - t0;
    probing = false;
    await probe;

    const replay = lines.filter((l) => l.type === 'progress' && l.phase === 'replay');
    expect(replay.every((l) => l.total === OPS)).toBe(true);
    const counts = replay.map((l) => l.done ?? -1);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.some((d) => d > 0 && d < OPS)).toBe(true);
    expect(counts.at(-1)).toBe(OPS);
    expect(lines.map((l) => l.phase).filter(Boolean)).toContain('store');
    const overall = lines.flatMap((l) => (l.progress === undefined ? [] : [l.progress]));
    expect(overall).toEqual([...overall].sort((a, b) => a - b));
    const last = lines.at(-1);
    expect(last).toMatchObject({ type: 'done', status: 201, board: { title: '大きな記録', seq: OPS } });
    expect(last?.board?.links.draw).toMatch(/\/b\/.+\/draw\?key=/);
    expect(await boardCount()).toBe(before + 1);
    // Other requests kept answering meanwhile: /healthz was answered again and again while the
    // import ran (a count, not a latency bound: a loaded CI machine stretches any time).
    expect(latencies.length).toBeGreaterThanOrEqual(3);
    console.log(
      `import of ${OPS} ops: ${Math.round(took)} ms, ${lines.length} lines; ` +
        `healthz answered ${latencies.length} times, worst ${Math.round(Math.max(...latencies))} ms`,
    );
  }, 120_000);

  it('cancels when the request is closed: nothing is written, the next import runs', async () => {
    const before = await boardCount();
    const abort = new AbortController();
    const res = await post(big, abort.signal);
    const lines = await readLines(res, (l) => {
      const stop = l.phase === 'replay' && (l.done ?? 0) > 0;
      if (stop) abort.abort();
      return stop;
    });
    expect(lines.at(-1)?.phase).toBe('replay');
    // Work runs one task at a time: once a second import has finished, the first one would
    // have been written if it had not been stopped.
    const second = await readLines(await post(big));
    expect(second.at(-1)?.type).toBe('done');
    expect(await boardCount()).toBe(before + 1);
  }, 120_000);

  it('ends with the refusal when the archive is bad, and writes nothing', async () => {
    const before = await boardCount();
    const lines = await readLines(await post('{"format":"grareco-archive"}'));
    expect(lines.at(-1)).toMatchObject({ type: 'refused', status: 422, error: 'invalid_archive' });
    const broken = JSON.parse(big) as Archive;
    const third = broken.ops[2];
    if (third) third.seq = 99;
    const refused = await readLines(await post(JSON.stringify(broken)));
    expect(refused.at(-1)).toMatchObject({ type: 'refused', error: 'invalid_archive', detail: 'ops.2.seq' });
    expect(await boardCount()).toBe(before);
  }, 60_000);
});

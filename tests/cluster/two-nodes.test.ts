import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Presence } from '../../shared/protocol';
import { addOp, makeStroke } from '../helpers/fixtures';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { startPostgres, startRedis, uniqueSchema } from '../helpers/services';
import {
  connectClient,
  createBoard,
  getBoardDoc,
  keyOf,
  waitUntil,
  type CreatedBoard,
  type TestClient,
} from '../helpers/socket-clients';

/**
 * Two real grareco processes sharing one PostgreSQL and one Redis, as two machines behind a
 * load balancer would: what a viewer sees must not depend on which node it reached.
 */
const redis = await startRedis();
const postgres = await startPostgres();
const ready = redis.ok && postgres.ok;
const ADMIN = 'cluster-test-admin-token';
const style = { tool: 'pen', color: '#1F2328', size: 10, opacity: 1, simulatePressure: true } as const;

describe.skipIf(!ready)('two grareco nodes on Redis and PostgreSQL', () => {
  const schema = uniqueSchema('cluster');
  const dirs: string[] = [];
  const clients: TestClient[] = [];
  let a: ServerProcess;
  let b: ServerProcess;

  function node(): Promise<ServerProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'grareco-node-'));
    dirs.push(dir);
    return spawnServer({
      DATA_DIR: dir,
      ADMIN_TOKEN: ADMIN,
      DATABASE_URL: postgres.ok ? postgres.service.url : '',
      DATABASE_SCHEMA: schema,
      REDIS_URL: redis.ok ? redis.service.url : '',
      // Channels of their own, so another test run on the same Redis is never heard here.
      REDIS_KEY_PREFIX: `grareco-${schema}`,
    });
  }

  /** The nodes' own words, for a failure message. */
  function nodeLogs(): string {
    return `node A:\n${a.output().slice(-3000)}\nnode B:\n${b.output().slice(-3000)}`;
  }

  async function connectTo(url: string, link: string): Promise<TestClient> {
    const board = new URL(link).pathname.split('/')[2] as string;
    const c = await connectClient(url, board, keyOf(link));
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    // One after the other: the first creates the schema, the second finds it.
    a = await node();
    b = await node();
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    for (const p of [a, b]) {
      if (p && p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGTERM');
        await p.exited;
      }
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    if (postgres.ok) {
      const client = new pg.Client({ connectionString: postgres.service.url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
      await postgres.service.stop();
    }
    if (redis.ok) await redis.service.stop();
  });

  it('shows strokes drawn on node A to viewers on node B in real time', async () => {
    const board = await createBoard(a.url, ADMIN, 'cluster A→B');
    const recorder = await connectTo(a.url, board.links.draw);
    const viewer = await connectTo(b.url, board.links.view);
    expect(viewer.welcome.seq).toBe(0);

    const t0 = performance.now();
    recorder.socket.emit('live', { ...style, strokeId: 'live-1', from: 0, points: [[10, 20, 0.5]] });
    await waitUntil(() => viewer.live.length === 1, 5_000, 'the live batch on node B');
    const liveMs = performance.now() - t0;
    expect(viewer.live[0]).toMatchObject({
      strokeId: 'live-1',
      actor: recorder.clientId,
      points: [[10, 20, 0.5]],
    });

    const op = addOp(makeStroke(10, 20, 4, 'drawn-on-a'));
    expect(await recorder.send(op)).toEqual({ ok: true, seq: 1 });
    await waitUntil(() => viewer.ops.length === 1, 5_000, 'the op on node B');
    expect(viewer.ops[0]).toMatchObject({ seq: 1, op: { id: op.id } });
    // Pushed through Redis, not polled: milliseconds on an idle machine; the bound leaves room
    // for a CI machine busy with browser tests.
    expect(liveMs).toBeLessThan(2_000);

    // The snapshot from B knows the stroke committed through A.
    const doc = await getBoardDoc(b.url, board.id, keyOf(board.links.view));
    expect(doc.body.seq).toBe(1);
    expect(doc.body.objects.map((o) => o.id)).toEqual(['drawn-on-a']);
  });

  it('keeps one gap-free sequence for two recorders on different nodes, and a resend through the other node is applied once', async () => {
    const board = await createBoard(a.url, ADMIN, 'cluster interleave');
    const onA = await connectTo(a.url, board.links.draw);
    const onB = await connectTo(b.url, board.links.draw);
    const viewA = await connectTo(a.url, board.links.view);
    const viewB = await connectTo(b.url, board.links.view);
    const perRecorder = 25;

    async function draw(r: TestClient, tag: string) {
      const acks: number[] = [];
      for (let i = 0; i < perRecorder; i++) {
        const ack = await r.send(addOp(makeStroke(i * 10, i * 10, 4, `${tag}-${i}`)));
        if (!ack.ok) throw new Error(`op refused: ${ack.reason}\n${nodeLogs()}`);
        acks.push(ack.seq);
      }
      return acks;
    }
    const [seqA, seqB] = await Promise.all([draw(onA, 'a'), draw(onB, 'b')]);
    const total = perRecorder * 2;
    // Every seq from 1 to 50 given exactly once, and each recorder's own acks in order.
    expect([...seqA, ...seqB].sort((x, y) => x - y)).toEqual(Array.from({ length: total }, (_v, i) => i + 1));
    expect(seqA).toEqual([...seqA].sort((x, y) => x - y));
    expect(seqB).toEqual([...seqB].sort((x, y) => x - y));

    for (const v of [viewA, viewB]) {
      await waitUntil(() => v.ops.length === total, 10_000, 'every op at a viewer');
      expect(v.ops.map((c) => c.seq).sort((x, y) => x - y)).toEqual(
        Array.from({ length: total }, (_v, i) => i + 1),
      );
    }

    // The same op id again, sent to the other node: answered with its first seq, not applied twice.
    const op = addOp(makeStroke(500, 500, 4, 'once'));
    const first = await onA.send(op);
    const again = await onB.send(op);
    expect(first).toEqual({ ok: true, seq: total + 1 });
    expect(again).toEqual({ ok: true, seq: total + 1 });

    for (const url of [a.url, b.url]) {
      const doc = await getBoardDoc(url, board.id, keyOf(board.links.view));
      expect(doc.body.seq).toBe(total + 1);
      expect(doc.body.objects).toHaveLength(total + 1);
    }
    const sync = await viewB.sync(0);
    expect(sync.ok && sync.ops.map((c) => c.seq)).toEqual(
      Array.from({ length: total + 1 }, (_v, i) => i + 1),
    );
  });

  it('counts viewers of every node, remembers the viewport for late joiners on the other node, and drops rotated links everywhere', async () => {
    const board = await createBoard(a.url, ADMIN, 'cluster presence');
    const recorder = await connectTo(a.url, board.links.draw);
    const seen: Presence[] = [];
    recorder.socket.on('presence', (p) => seen.push(p));
    const viewers = [await connectTo(b.url, board.links.view), await connectTo(b.url, board.links.view)];
    await waitUntil(() => seen.at(-1)?.viewers === 2, 10_000, 'viewers on B counted at A');
    const summary = (await (
      await fetch(`${a.url}/api/boards`, { headers: { authorization: `Bearer ${ADMIN}` } })
    ).json()) as { id: string; viewers?: number }[] | { boards: { id: string; viewers?: number }[] };
    const list = Array.isArray(summary) ? summary : summary.boards;
    expect(list.find((x) => x.id === board.id)?.viewers).toBe(2);

    // The viewport is shared between nodes before it is broadcast, on the same Redis connection:
    // once a viewer on B has it, B remembers it too.
    let relayed = false;
    viewers[0]?.socket.on('viewport', () => (relayed = true));
    recorder.socket.emit('viewport', { x: 100, y: 200, w: 1920, h: 1080 });
    await waitUntil(() => relayed, 5_000, 'the viewport at a viewer on B');
    const late = await connectTo(b.url, board.links.view);
    expect(late.welcome.viewport).toEqual({ x: 100, y: 200, w: 1920, h: 1080 });

    const rotated = await fetch(`${a.url}/api/boards/${board.id}/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ which: 'view' }),
    });
    expect(rotated.status).toBe(200);
    for (const v of [...viewers, late])
      await waitUntil(() => !v.socket.connected, 10_000, 'a rotated viewer dropped');
    // The old key no longer opens the board on either node.
    await expect(connectTo(b.url, board.links.view)).rejects.toThrow();
    expect(recorder.socket.connected).toBe(true);
  });

  it('withholds a covered board from viewers on the other node until the reveal, then shows it there', async () => {
    const res = await fetch(`${a.url}/api/boards`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'cluster cover', cover: true }),
    });
    expect(res.status).toBe(201);
    const board = (await res.json()) as CreatedBoard;
    const recorder = await connectTo(a.url, board.links.draw);
    const viewer = await connectTo(b.url, board.links.view);
    let revealedAtB = false;
    viewer.socket.on('meta', (m) => (revealedAtB ||= m.revealed));
    expect(viewer.welcome.seq).toBe(0);
    const behind = addOp(makeStroke(0, 0, 4, 'behind-cover'));
    expect(await recorder.send(behind)).toEqual({ ok: true, seq: 1 });
    const hidden = await viewer.sync(0);
    expect(hidden).toEqual({ ok: true, seq: 0, ops: [] });

    const reveal = await fetch(
      `${a.url}/api/boards/${board.id}/reveal?key=${encodeURIComponent(keyOf(board.links.draw))}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ revealed: true }),
      },
    );
    expect(reveal.status).toBe(200);
    await waitUntil(() => revealedAtB, 5_000, 'the reveal at a viewer on B');
    // Asked at once, node B answers with the board, whether or not its cache heard yet.
    const shown = await viewer.sync(0);
    expect(shown.ok && shown.ops.map((c) => c.op.id)).toEqual([behind.id]);
    expect(viewer.ops).toEqual([]);
    expect(await recorder.send(addOp(makeStroke(5, 5, 4, 'after-reveal')))).toEqual({ ok: true, seq: 2 });
    await waitUntil(() => viewer.ops.length === 1, 5_000, 'a stroke after the reveal on B');
  });

  it('lets viewers of a killed node reconnect to the other and catch up with nothing missing', async () => {
    const board: CreatedBoard = await createBoard(a.url, ADMIN, 'cluster failover');
    const recorder = await connectTo(a.url, board.links.draw);
    const viewers = await Promise.all([1, 2, 3].map(() => connectTo(b.url, board.links.view)));
    const sent: string[] = [];
    async function drawOne(i: number) {
      const op = addOp(makeStroke(i, i, 4, `f-${i}`));
      const ack = await recorder.send(op);
      if (!ack.ok) throw new Error(`op refused: ${ack.reason}`);
      sent.push(op.id);
    }
    for (let i = 0; i < 5; i++) await drawOne(i);
    for (const v of viewers) await waitUntil(() => v.ops.length === 5, 5_000, 'ops before the kill');

    b.child.kill('SIGKILL');
    await b.exited;
    for (const v of viewers)
      await waitUntil(() => !v.socket.connected, 15_000, 'the viewer noticing the dead node');
    // The recorder goes on drawing while the viewers are cut off.
    for (let i = 5; i < 12; i++) await drawOne(i);

    const rejoined: TestClient[] = [];
    for (const v of viewers) {
      const last = v.ops.at(-1)?.seq ?? 0;
      const again = await connectTo(a.url, board.links.view);
      rejoined.push(again);
      expect(again.welcome.seq).toBe(12);
      const reply = await again.sync(last);
      expect(reply.ok).toBe(true);
      const caughtUp = [...v.ops, ...(reply.ok ? reply.ops : [])];
      expect(caughtUp.map((c) => c.seq)).toEqual(Array.from({ length: 12 }, (_v, i) => i + 1));
      expect(caughtUp.map((c) => c.op.id)).toEqual(sent);
    }
    // And they are live again: the next stroke arrives by itself.
    await drawOne(12);
    for (const again of rejoined) {
      await waitUntil(() => again.ops.length === 1, 5_000, 'live again on node A');
      expect(again.ops[0]?.seq).toBe(13);
    }
  });
});

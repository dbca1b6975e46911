import { WIRE } from '../../shared/wire';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { WRITER_LIMITS } from '../../shared/limits';
import { HELD_REFUSALS } from '../../server/socket/held-refusals';
import { addOp, makeStroke } from '../helpers/fixtures';
import {
  connectClient,
  connectRefusal,
  createBoard,
  getBoardDoc,
  keyOf,
  waitUntil,
  type CreatedBoard,
} from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('roles, rotation, locking and rate limits', () => {
  let server: Server;
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' };

  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => {
    await server.stop();
  });

  async function post(path: string, body: unknown, headers: Record<string, string> = admin) {
    return fetch(`${server.url}/api${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  }

  it('rotating the edit key stops the old link at once and drops its sockets', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const oldKey = keyOf(board.links.draw);
    const recorder = await connectClient(server.url, board.id, oldKey);
    const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
    const notices: string[] = [];
    recorder.socket.on('notice', (n) => notices.push(n.reason));
    const res = await post(`/boards/${board.id}/rotate`, { which: 'edit' });
    expect(res.status).toBe(200);
    const rotated = (await res.json()) as CreatedBoard;
    expect(keyOf(rotated.links.draw)).not.toBe(oldKey);
    expect(rotated.links.view).toBe(board.links.view);
    await waitUntil(() => !recorder.socket.connected);
    expect(notices).toEqual(['key_rotated']);
    expect(viewer.socket.connected).toBe(true);
    expect((await getBoardDoc(server.url, board.id, oldKey)).status).toBe(403);
    expect(
      await connectRefusal(server.url, {
        boardId: board.id,
        key: oldKey,
        clientId: 'c',
        protocol: PROTOCOL_VERSION,
      }),
    ).toBe('bad_key');
    const fresh = await connectClient(server.url, board.id, keyOf(rotated.links.draw));
    expect(fresh.welcome.role).toBe('recorder');
    expect((await fresh.send(addOp(makeStroke(0, 0)))).ok).toBe(true);
    fresh.close();
    viewer.close();
  });

  it('rotating the view key drops viewers and keeps the recorder', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
    expect((await post(`/boards/${board.id}/rotate`, { which: 'view' })).status).toBe(200);
    await waitUntil(() => !viewer.socket.connected);
    expect(recorder.socket.connected).toBe(true);
    expect((await getBoardDoc(server.url, board.id, keyOf(board.links.view))).status).toBe(403);
    recorder.close();
  });

  it('only the organiser rotates or locks, with a valid body', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const asRecorder = {
      authorization: `Bearer ${keyOf(board.links.draw)}`,
      'content-type': 'application/json',
    };
    expect((await post(`/boards/${board.id}/rotate`, { which: 'edit' }, asRecorder)).status).toBe(401);
    expect((await post(`/boards/${board.id}/lock`, { locked: true }, asRecorder)).status).toBe(401);
    expect((await post(`/boards/${board.id}/rotate`, { which: 'admin' })).status).toBe(400);
    expect((await post(`/boards/${board.id}/lock`, { locked: 'yes' })).status).toBe(400);
    expect((await post(`/boards/nope/lock`, { locked: true })).status).toBe(404);
    expect((await getBoardDoc(server.url, board.id, keyOf(board.links.draw))).status).toBe(200);
  });

  it('a locked board refuses every op and tells its sockets; unlocking reopens it', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    const metas: boolean[] = [];
    recorder.socket.on('meta', (m) => metas.push(m.locked));
    expect((await post(`/boards/${board.id}/lock`, { locked: true })).status).toBe(200);
    await waitUntil(() => metas.length === 1);
    expect(await recorder.send(addOp(makeStroke(0, 0)))).toEqual({ ok: false, reason: 'board_locked' });
    const organiser = await connectClient(server.url, board.id, TEST_ADMIN_TOKEN);
    expect(await organiser.send(addOp(makeStroke(0, 0)))).toEqual({ ok: false, reason: 'board_locked' });
    const doc = await getBoardDoc(server.url, board.id, keyOf(board.links.view));
    expect(doc.status).toBe(200);
    expect(doc.body.seq).toBe(0);
    expect((await post(`/boards/${board.id}/lock`, { locked: false })).status).toBe(200);
    expect((await recorder.send(addOp(makeStroke(0, 0)))).ok).toBe(true);
    recorder.close();
    organiser.close();
  });

  it('two recorders on one board interleave into one gap-free sequence', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const a = await connectClient(server.url, board.id, keyOf(board.links.draw));
    const b = await connectClient(server.url, board.id, keyOf(board.links.draw));
    const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
    const sends = [];
    for (let i = 0; i < 20; i++) {
      sends.push(a.send(addOp(makeStroke(i, 0, 4, `a${i}`))));
      sends.push(b.send(addOp(makeStroke(i, 100, 4, `b${i}`))));
    }
    const acks = await Promise.all(sends);
    expect(acks.every((x) => x.ok)).toBe(true);
    const seqs = acks.map((x) => (x.ok ? x.seq : 0)).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await waitUntil(() => viewer.ops.length === 40);
    expect(viewer.ops.map((c) => c.seq)).toEqual(seqs);
    // Each recorder's own ops keep their order within the shared sequence.
    const order = viewer.ops.map((c) => (c.op.kind === 'add' ? c.op.objects[0]?.id : ''));
    expect(order.filter((id) => id?.startsWith('a'))).toEqual(Array.from({ length: 20 }, (_, i) => `a${i}`));
    expect(new Set(viewer.ops.map((c) => c.actor))).toEqual(new Set([a.clientId, b.clientId]));
    for (const c of [a, b, viewer]) c.close();
  });

  it('rate-limits a flooding writer socket without touching other writers', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const flooder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    const calm = await connectClient(server.url, board.id, keyOf(board.links.draw));
    // Valid ops: a flood of invalid ones is cut by strikes (strikes.test.ts) before this limit.
    // Sent all at once, never waiting: past its burst each is refused, held refusals past
    // HELD_REFUSALS.maxHeld are strikes, and the socket is cut (held-refusals.test.ts).
    const acks = await Promise.allSettled(
      Array.from({ length: 600 }, (_, i) => flooder.send(addOp(makeStroke(i, i)))),
    );
    const answered = acks.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    const limited = answered.filter((x) => !x.ok && x.reason === 'rate_limited').length;
    // At most a second of refill beside the burst.
    expect(answered.filter((x) => x.ok).length).toBeLessThanOrEqual(
      WRITER_LIMITS.ops.burst + WRITER_LIMITS.ops.perSecond,
    );
    expect(limited).toBeGreaterThan(HELD_REFUSALS.maxHeld);
    expect((await calm.send(addOp(makeStroke(0, 0)))).ok).toBe(true);
    flooder.close();
    calm.close();
  });

  it('refuses websocket upgrades from another site', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const reason = await new Promise<string>((resolve) => {
      const s = io(server.url, {
        ...WIRE,
        reconnection: false,
        forceNew: true,
        extraHeaders: { origin: 'https://evil.example' },
        auth: { boardId: board.id, key: keyOf(board.links.view), clientId: 'c', protocol: PROTOCOL_VERSION },
      });
      s.once('connect', () => resolve('connected'));
      s.once('connect_error', (e) => {
        s.disconnect();
        resolve(e.message);
      });
    });
    expect(reason).not.toBe('connected');
  });
});

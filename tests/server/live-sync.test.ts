import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { addOp, makeStroke, removeOp } from '../helpers/fixtures';
import {
  connectClient,
  connectRefusal,
  createBoard,
  getBoardDoc,
  keyOf,
  waitUntil,
  type CreatedBoard,
  type TestClient,
} from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.each(['memory', 'sqlite'] as const)('live sync over Socket.IO (%s store)', (store) => {
  let server: Server;
  let board: CreatedBoard;
  const open: TestClient[] = [];

  async function client(link: string): Promise<TestClient> {
    const c = await connectClient(server.url, board.id, keyOf(link));
    open.push(c);
    return c;
  }

  beforeAll(async () => {
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server.stop();
  });
  afterEach(async () => {
    for (const c of open.splice(0)) c.close();
    board = await createBoard(server.url, TEST_ADMIN_TOKEN);
  });
  beforeAll(async () => {
    board = await createBoard(server.url, TEST_ADMIN_TOKEN);
  });

  it('gives each socket its role in the welcome', async () => {
    expect((await client(board.links.draw)).welcome.role).toBe('recorder');
    expect((await client(board.links.view)).welcome.role).toBe('viewer');
  });

  it('commits, acknowledges and broadcasts to two viewers in order', async () => {
    const recorder = await client(board.links.draw);
    const v1 = await client(board.links.view);
    const v2 = await client(board.links.view);
    const ops = [addOp(makeStroke(100, 100)), addOp(makeStroke(200, 200)), addOp(makeStroke(300, 300))];
    const acks = [];
    for (const op of ops) acks.push(await recorder.send(op));
    expect(acks).toEqual([
      { ok: true, seq: 1 },
      { ok: true, seq: 2 },
      { ok: true, seq: 3 },
    ]);
    await waitUntil(() => v1.ops.length === 3 && v2.ops.length === 3);
    for (const v of [v1, v2]) {
      expect(v.ops.map((c) => c.seq)).toEqual([1, 2, 3]);
      expect(v.ops.map((c) => c.op)).toEqual(ops);
      expect(v.ops.every((c) => c.actor === recorder.clientId)).toBe(true);
    }
  });

  it('streams live batches to viewers but not back to the sender', async () => {
    const recorder = await client(board.links.draw);
    const viewer = await client(board.links.view);
    const style = { tool: 'pen', color: '#1F2328', size: 10, opacity: 1, simulatePressure: true } as const;
    recorder.socket.emit('live', { ...style, strokeId: 'live-1', from: 0, points: [[1.4, 2.6, 0.5]] });
    recorder.socket.emit('live', { ...style, strokeId: 'live-1', from: 1, points: [[5, 6, 0.5]] });
    await waitUntil(() => viewer.live.length === 2);
    expect(viewer.live[0]).toEqual({
      ...style,
      color: '#1f2328',
      strokeId: 'live-1',
      from: 0,
      points: [[1, 3, 0.5]],
      actor: recorder.clientId,
    });
    expect(recorder.live).toEqual([]);
  });

  it('serves a late joiner the snapshot and then live updates', async () => {
    const recorder = await client(board.links.draw);
    await recorder.send(addOp(makeStroke(0, 0, 4, 'first')));
    await recorder.send(addOp(makeStroke(0, 0, 4, 'second')));
    const doc = await getBoardDoc(server.url, board.id, keyOf(board.links.view));
    expect(doc.status).toBe(200);
    expect(doc.body.seq).toBe(2);
    expect(doc.body.objects.map((o) => o.id)).toEqual(['first', 'second']);
    const late = await client(board.links.view);
    expect(late.welcome.seq).toBe(2);
    expect(await late.sync(doc.body.seq)).toEqual({ ok: true, seq: 2, ops: [] });
    await recorder.send(addOp(makeStroke(0, 0, 4, 'third')));
    await waitUntil(() => late.ops.length === 1);
    expect(late.ops[0]?.seq).toBe(3);
  });

  it('lets a reconnecting viewer catch up from its sequence number', async () => {
    const recorder = await client(board.links.draw);
    const viewer = await client(board.links.view);
    await recorder.send(addOp(makeStroke(0, 0, 4, 'a')));
    await waitUntil(() => viewer.ops.length === 1);
    viewer.close();
    await recorder.send(addOp(makeStroke(0, 0, 4, 'b')));
    await recorder.send(removeOp('a'));
    const back = await client(board.links.view);
    const reply = await back.sync(1);
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.seq).toBe(3);
    expect(reply.ops.map((c) => [c.seq, c.op.kind])).toEqual([
      [2, 'add'],
      [3, 'remove'],
    ]);
  });

  it('refuses ops from a viewer and changes nothing', async () => {
    const viewer = await client(board.links.view);
    const watcher = await client(board.links.view);
    const ack = await viewer.send(addOp(makeStroke(0, 0)));
    expect(ack).toEqual({ ok: false, reason: 'forbidden' });
    viewer.socket.emit('live', {
      tool: 'pen',
      color: '#000000',
      size: 4,
      opacity: 1,
      simulatePressure: true,
      strokeId: 'x',
      from: 0,
      points: [[1, 1, 0.5]],
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(watcher.live).toEqual([]);
    expect(watcher.ops).toEqual([]);
    expect((await getBoardDoc(server.url, board.id, keyOf(board.links.view))).body.seq).toBe(0);
  });

  it('applies the same op id once and answers a resend with the original seq', async () => {
    const recorder = await client(board.links.draw);
    const viewer = await client(board.links.view);
    const op = addOp(makeStroke(0, 0, 4, 'once'));
    expect(await recorder.send(op)).toEqual({ ok: true, seq: 1 });
    expect(await recorder.send(op)).toEqual({ ok: true, seq: 1 });
    await recorder.send(addOp(makeStroke(0, 0, 4, 'next')));
    await waitUntil(() => viewer.ops.length === 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(viewer.ops.map((c) => c.seq)).toEqual([1, 2]);
    const doc = await getBoardDoc(server.url, board.id, keyOf(board.links.draw));
    expect(doc.body.objects.map((o) => o.id)).toEqual(['once', 'next']);
  });

  it('refuses bad ops with the exact reason and keeps serving', async () => {
    const recorder = await client(board.links.draw);
    const cases: [unknown, string][] = [
      [null, 'invalid_payload'],
      ['op', 'invalid_payload'],
      [{ id: '../etc', kind: 'add', objects: [makeStroke(0, 0)] }, 'invalid_id'],
      [{ id: newId(), kind: 'add', objects: [{ ...makeStroke(0, 0), color: 'red' }] }, 'invalid_color'],
      [
        { id: newId(), kind: 'add', objects: [{ ...makeStroke(0, 0), points: [[NaN, 1, 0.5]] }] },
        'invalid_point',
      ],
      [
        {
          id: newId(),
          kind: 'add',
          objects: [{ ...makeStroke(0, 0), points: Array(10_001).fill([1, 1, 0.5]) }],
        },
        'too_many_points',
      ],
      [removeOp('no-such-object'), 'unknown_object'],
    ];
    for (const [payload, reason] of cases) {
      const ack = await recorder.socket.timeout(5000).emitWithAck('op', payload);
      expect(ack.ok, JSON.stringify(payload).slice(0, 80)).toBe(false);
      if (!ack.ok) expect(ack.reason).toBe(reason);
    }
    const same = makeStroke(0, 0, 4, 'dup');
    expect((await recorder.send(addOp(same))).ok).toBe(true);
    expect(await recorder.send(addOp(same))).toEqual({ ok: false, reason: 'object_exists', detail: 'dup' });
    // An op without an ack callback must not throw on the server either.
    recorder.socket.emit('op', { nonsense: true } as never, undefined as never);
    expect((await getBoardDoc(server.url, board.id, keyOf(board.links.draw))).body.seq).toBe(1);
  });

  it('refuses handshakes with a wrong key, an unknown board or an old protocol', async () => {
    const base = { clientId: 'c1', protocol: PROTOCOL_VERSION };
    expect(await connectRefusal(server.url, { ...base, boardId: board.id, key: 'wrong' })).toBe('bad_key');
    expect(await connectRefusal(server.url, { ...base, boardId: 'nope', key: keyOf(board.links.view) })).toBe(
      'unknown_board',
    );
    expect(await connectRefusal(server.url, { ...base, boardId: '../../etc/passwd', key: 'k' })).toBe(
      'unknown_board',
    );
    expect(
      await connectRefusal(server.url, {
        ...base,
        protocol: 999,
        boardId: board.id,
        key: keyOf(board.links.view),
      }),
    ).toBe('protocol_mismatch');
    expect(await connectRefusal(server.url, {})).toBe('unknown_board');
  });
});

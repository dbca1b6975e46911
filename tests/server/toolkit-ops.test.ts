import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import type { BoardObject } from '../../shared/objects/board-object';
import { addOp, makeShape, makeStamp, makeStroke, makeText } from '../helpers/fixtures';
import {
  connectClient,
  createBoard,
  getBoardDoc,
  keyOf,
  waitUntil,
  type TestClient,
} from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.each(['memory', 'sqlite'] as const)('toolkit ops (%s store)', (store) => {
  let server: Server;
  let recorder: TestClient;
  let viewer: TestClient;
  let boardId: string;
  let viewKey: string;

  beforeAll(async () => {
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server.stop();
  });
  afterEach(() => {
    recorder.close();
    viewer.close();
  });

  async function fresh(): Promise<void> {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    boardId = board.id;
    viewKey = keyOf(board.links.view);
    recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    viewer = await connectClient(server.url, board.id, viewKey);
  }

  async function objects(): Promise<BoardObject[]> {
    return (await getBoardDoc(server.url, boardId, viewKey)).body.objects as BoardObject[];
  }

  it('stores text, shapes and stamps as records', async () => {
    await fresh();
    const records = [
      makeText('t1', '重層的支援体制整備事業'),
      makeShape('s1', 'bubble'),
      makeStamp('p1', 'light-bulb'),
    ];
    expect((await recorder.send(addOp(...records))).ok).toBe(true);
    expect(await objects()).toEqual(records);
  });

  it('patches only the named fields, checks them against the kind, and broadcasts the cleaned values', async () => {
    await fresh();
    await recorder.send(addOp(makeText('t1', 'つながる会議'), makeStroke(0, 0, 4, 's1')));
    const patch = {
      id: newId(),
      kind: 'patch',
      patches: [
        { id: 't1', set: { text: 'つながる支援', color: '#D9480F' } },
        { id: 's1', set: { transform: [1, 0, 0, 1, 40, 50] } },
      ],
    };
    expect((await recorder.socket.timeout(5000).emitWithAck('op', patch as never)).ok).toBe(true);
    await waitUntil(() => viewer.ops.length === 2);
    expect(viewer.ops[1]?.op).toEqual({
      ...patch,
      patches: [
        { id: 't1', set: { text: 'つながる支援', color: '#d9480f' } },
        { id: 's1', set: { transform: [1, 0, 0, 1, 40, 50] } },
      ],
    });
    const [text, stroke] = await objects();
    expect(text).toMatchObject({ id: 't1', text: 'つながる支援', color: '#d9480f', fontSize: 72 });
    expect(stroke).toMatchObject({ id: 's1', transform: [1, 0, 0, 1, 40, 50] });

    const bad: [unknown, string][] = [
      [{ id: 't1', set: { text: 'x'.repeat(2001) } }, 'text_too_long'],
      [{ id: 't1', set: { color: 'blue' } }, 'invalid_color'],
      [{ id: 't1', set: { type: 'stroke' } }, 'invalid_payload'],
      [{ id: 't1', set: { points: [[1, 1, 1]] } }, 'invalid_payload'],
      [{ id: 's1', set: { transform: [1, 0, 0, 1, NaN, 0] } }, 'invalid_payload'],
      [{ id: 'missing', set: { color: '#000000' } }, 'unknown_object'],
    ];
    for (const [p, reason] of bad) {
      const ack = await recorder.socket
        .timeout(5000)
        .emitWithAck('op', { id: newId(), kind: 'patch', patches: [p] } as never);
      expect(ack, JSON.stringify(p).slice(0, 60)).toMatchObject({ ok: false, reason });
    }
    expect((await objects())[0]).toMatchObject({ text: 'つながる支援', color: '#d9480f' });
  });

  it('replaces records atomically (the partial eraser) and refuses a half-valid replace', async () => {
    await fresh();
    await recorder.send(addOp(makeStroke(0, 0, 10, 'whole')));
    const pieces = [makeStroke(0, 0, 3, 'piece-a'), makeStroke(60, 30, 3, 'piece-b')];
    const ack = await recorder.send({ id: newId(), kind: 'replace', ids: ['whole'], objects: pieces });
    expect(ack.ok).toBe(true);
    expect((await objects()).map((o) => o.id)).toEqual(['piece-a', 'piece-b']);
    const refused = await recorder.send({
      id: newId(),
      kind: 'replace',
      ids: ['piece-a', 'nope'],
      objects: [],
    });
    expect(refused).toMatchObject({ ok: false, reason: 'unknown_object' });
    expect((await objects()).map((o) => o.id)).toEqual(['piece-a', 'piece-b']);
  });

  it('brings records to the front and sends them to the back', async () => {
    await fresh();
    await recorder.send(addOp(makeStroke(0, 0, 4, 'a'), makeStroke(0, 0, 4, 'b'), makeStroke(0, 0, 4, 'c')));
    await recorder.send({ id: newId(), kind: 'reorder', ids: ['a'], to: 'front' });
    expect((await objects()).map((o) => o.id)).toEqual(['b', 'c', 'a']);
    await recorder.send({ id: newId(), kind: 'reorder', ids: ['a'], to: 'back' });
    expect((await objects()).map((o) => o.id)).toEqual(['a', 'b', 'c']);
  });
});

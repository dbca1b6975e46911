import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardMeta } from '../../shared/board';
import { addOp, makeStroke } from '../helpers/fixtures';
import { connectClient, getBoardDoc, keyOf, waitUntil, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('cover screen and reveal', () => {
  let server: Server;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => {
    await server.stop();
  });

  async function coveredBoard(): Promise<CreatedBoard> {
    const res = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: '地域福祉セミナー',
        cover: true,
        coverText: 'まもなく開始します',
        startsAt: '13:15',
      }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as CreatedBoard;
  }

  function reveal(board: CreatedBoard, key: string, revealed = true) {
    return fetch(`${server.url}/api/boards/${board.id}/reveal?key=${encodeURIComponent(key)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ revealed }),
    });
  }

  it('withholds everything from viewers until the recorder reveals the board', async () => {
    const board = await coveredBoard();
    const viewKey = keyOf(board.links.view);
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    const viewer = await connectClient(server.url, board.id, viewKey);
    expect(viewer.welcome.meta).toMatchObject({
      revealed: false,
      coverText: 'まもなく開始します',
      startsAt: '13:15',
    });
    const metas: BoardMeta[] = [];
    viewer.socket.on('meta', (m) => metas.push(m));

    recorder.socket.emit('live', {
      tool: 'pen',
      color: '#000000',
      size: 8,
      opacity: 1,
      simulatePressure: true,
      strokeId: 'secret',
      from: 0,
      points: [[1, 1, 0.5]],
    });
    await recorder.send(addOp(makeStroke(100, 100, 6, 'secret')));
    await recorder.send(addOp(makeStroke(300, 300, 6, 'secret-2')));
    await new Promise((r) => setTimeout(r, 150));
    expect(viewer.ops).toEqual([]);
    expect(viewer.live).toEqual([]);
    expect(await viewer.sync(0)).toEqual({ ok: true, seq: 0, ops: [] });
    const hiddenDoc = await getBoardDoc(server.url, board.id, viewKey);
    expect(hiddenDoc.body).toMatchObject({ seq: 0, objects: [], hidden: true });
    expect((await getBoardDoc(server.url, board.id, keyOf(board.links.draw))).body.objects).toHaveLength(2);

    expect((await reveal(board, viewKey)).status).toBe(403);
    expect((await reveal(board, keyOf(board.links.draw))).status).toBe(200);
    await waitUntil(() => metas.length === 1);
    expect(metas[0]?.revealed).toBe(true);
    const shown = await getBoardDoc(server.url, board.id, viewKey);
    expect(shown.body.seq).toBe(2);
    expect(shown.body.objects.map((o) => o.id)).toEqual(['secret', 'secret-2']);
    const caughtUp = await viewer.sync(0);
    expect(caughtUp.ok && caughtUp.ops.map((c) => c.seq)).toEqual([1, 2]);
    await recorder.send(addOp(makeStroke(500, 500, 6, 'public')));
    await waitUntil(() => viewer.ops.length === 1);
    recorder.close();
    viewer.close();
  });

  it('boards without a cover are revealed from the start, and the organiser can cover one again', async () => {
    const res = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'open' }),
    });
    const board = (await res.json()) as CreatedBoard;
    const doc = await getBoardDoc(server.url, board.id, keyOf(board.links.view));
    expect((doc.body as unknown as { meta: BoardMeta }).meta.revealed).toBe(true);
    expect((await reveal(board, TEST_ADMIN_TOKEN, false)).status).toBe(200);
    expect((await getBoardDoc(server.url, board.id, keyOf(board.links.view))).body).toMatchObject({
      hidden: true,
    });
    expect((await reveal(board, TEST_ADMIN_TOKEN, 'yes' as never)).status).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageSize } from 'image-size';
import type { BoardMeta } from '../../shared/board';
import type { BoardObject } from '../../shared/objects/board-object';
import { addOp, makeStroke } from '../helpers/fixtures';
import { connectClient, getBoardDoc, keyOf, waitUntil, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Summary = CreatedBoard & { seq: number; meta: BoardMeta; lastActivity: number | null };

const SEMINAR_AGENDA = [
  { start: '13:15', title: '開会' },
  { start: '13:25', title: '行政説明' },
  { start: '13:35', title: '基調講演' },
  { start: '14:25', title: '休憩' },
  { start: '14:35', title: 'パネルディスカッション「つながりを絶やさない支援のかたち」' },
  { start: '15:45', title: '閉会' },
];

describe('organiser console API', () => {
  let server: Server;
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' };

  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => {
    await server.stop();
  });

  async function create(body: unknown): Promise<Summary> {
    const res = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as Summary;
  }

  it('lays the agenda out on the template layer, with the board palette and date in its meta', async () => {
    const board = await create({
      title: '第21回地域福祉セミナー',
      date: '2023-11-16',
      palette: ['#1F2328', '#d9480f'],
      agenda: SEMINAR_AGENDA,
    });
    expect(board.meta).toMatchObject({
      date: '2023-11-16',
      palette: ['#1f2328', '#d9480f'],
      agenda: SEMINAR_AGENDA,
    });
    expect(board.seq).toBe(1);
    const doc = await getBoardDoc(server.url, board.id, keyOf(board.links.view));
    const objects = doc.body.objects as BoardObject[];
    expect(objects.every((o) => o.layer === 'template')).toBe(true);
    const texts = objects.flatMap((o) => (o.type === 'text' ? [o.text] : []));
    expect(texts).toEqual(
      expect.arrayContaining(['第21回地域福祉セミナー', '開会', '13:15', '閉会', '15:45']),
    );
    expect(objects.filter((o) => o.type === 'shape')).toHaveLength(6);
    const bad = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ title: 'x', agenda: [{ start: '25:99', title: '開会' }] }),
    });
    expect(bad.status).toBe(400);
  });

  it('duplicates a board as a template: the template layer, not the drawing', async () => {
    const source = await create({ title: '第21回', agenda: SEMINAR_AGENDA.slice(0, 2) });
    const recorder = await connectClient(server.url, source.id, keyOf(source.links.draw));
    await recorder.send(addOp(makeStroke(500, 900, 6, 'drawn-live')));
    recorder.close();
    const res = await fetch(`${server.url}/api/boards/${source.id}/duplicate`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ title: '第22回' }),
    });
    expect(res.status).toBe(201);
    const copy = (await res.json()) as Summary;
    expect(copy.title).toBe('第22回');
    expect(copy.id).not.toBe(source.id);
    const objects = (await getBoardDoc(server.url, copy.id, keyOf(copy.links.view))).body
      .objects as BoardObject[];
    expect(objects.map((o) => o.id)).not.toContain('drawn-live');
    expect(objects.filter((o) => o.type === 'shape')).toHaveLength(2);
  });

  it('reports last activity and serves a thumbnail', async () => {
    const board = await create({ title: 'thumb' });
    expect(board.lastActivity).toBeNull();
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    await recorder.send(addOp(makeStroke(100, 100, 8)));
    recorder.close();
    const list = (await (await fetch(`${server.url}/api/boards`, { headers: admin })).json()) as {
      boards: Summary[];
    };
    expect(list.boards.find((b) => b.id === board.id)?.lastActivity).toBeGreaterThan(0);
    const thumb = await fetch(`${server.url}/api/boards/${board.id}/thumbnail.png`, { headers: admin });
    expect(thumb.status).toBe(200);
    expect(imageSize(Buffer.from(await thumb.arrayBuffer()))).toMatchObject({ type: 'png', width: 480 });
    expect(
      (await fetch(`${server.url}/api/boards/${board.id}/thumbnail.png?key=${keyOf(board.links.view)}`))
        .status,
    ).toBe(403);
  });

  it('deletes a board: its links stop, its sockets are told and closed, its images are gone', async () => {
    const board = await create({ title: 'to delete' });
    const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
    const notices: string[] = [];
    viewer.socket.on('notice', (n) => notices.push(n.reason));
    expect(
      (
        await fetch(`${server.url}/api/boards/${board.id}`, {
          method: 'DELETE',
          headers: { authorization: 'Bearer nope' },
        })
      ).status,
    ).toBe(401);
    const res = await fetch(`${server.url}/api/boards/${board.id}`, { method: 'DELETE', headers: admin });
    expect(res.status).toBe(204);
    await waitUntil(() => !viewer.socket.connected);
    expect(notices).toEqual(['board_deleted']);
    expect((await getBoardDoc(server.url, board.id, keyOf(board.links.view))).status).toBe(404);
    expect(
      (await fetch(`${server.url}/api/boards/${board.id}`, { method: 'DELETE', headers: admin })).status,
    ).toBe(404);
  });
});

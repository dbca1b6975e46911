import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardMeta } from '../../shared/board';
import { BOARD_STAMP_LIMITS, placeStamp, type BoardStamp } from '../../shared/board-stamps';
import { boardBounds } from '../../shared/geometry/record-bounds';
import { newId } from '../../shared/ids';
import type { BoardObject } from '../../shared/objects/board-object';
import { makeStroke, makeText } from '../helpers/fixtures';
import { connectClient, createBoard, keyOf, waitUntil, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe.each(['memory', 'sqlite'] as const)('board stamps (%s store)', (store) => {
  let server: Server;
  let board: CreatedBoard;
  let editKey: string;
  let viewKey: string;

  beforeAll(async () => {
    server = await startTestServer(store);
    board = await createBoard(server.url, TEST_ADMIN_TOKEN, 'スタンプ');
    editKey = keyOf(board.links.draw);
    viewKey = keyOf(board.links.view);
  });
  afterAll(async () => {
    await server.stop();
  });

  function save(body: unknown, key = editKey, id = board.id): Promise<Response> {
    return fetch(`${server.url}/api/boards/${id}/stamps?key=${encodeURIComponent(key)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async function metaWith(key: string): Promise<BoardMeta> {
    const res = await fetch(`${server.url}/api/boards/${board.id}?key=${encodeURIComponent(key)}`);
    return ((await res.json()) as { meta: BoardMeta }).meta;
  }

  it('saves a selection moved to the origin; recorders get it, viewers and the console list do not', async () => {
    const recorder = await connectClient(server.url, board.id, editKey);
    const viewer = await connectClient(server.url, board.id, viewKey);
    const recorderMetas: BoardMeta[] = [];
    const viewerMetas: BoardMeta[] = [];
    recorder.socket.on('meta', (m) => recorderMetas.push(m));
    viewer.socket.on('meta', (m) => viewerMetas.push(m));

    const figure: BoardObject[] = [
      makeStroke(1000, 900, 8),
      { ...makeText(newId(), '司会'), layer: 'template' },
    ];
    const res = await save({ name: '司会者', objects: figure });
    expect(res.status).toBe(201);
    const { stamp } = (await res.json()) as { stamp: BoardStamp };
    expect(stamp.name).toBe('司会者');
    const boxes = stamp.objects.map(boardBounds);
    expect(Math.min(...boxes.map((b) => b.minX))).toBeCloseTo(0, 1);
    expect(Math.min(...boxes.map((b) => b.minY))).toBeCloseTo(0, 1);
    expect(stamp.w).toBeGreaterThanOrEqual(Math.max(...boxes.map((b) => b.maxX)) - 1);
    // Taken off the template layer: a placed stamp is ink.
    expect(stamp.objects.every((o) => o.layer !== 'template')).toBe(true);

    await waitUntil(() => recorderMetas.length > 0 && viewerMetas.length > 0, 5000, 'meta broadcasts');
    expect(recorderMetas.at(-1)?.stamps.map((s) => s.id)).toEqual([stamp.id]);
    expect(viewerMetas.at(-1)?.stamps).toEqual([]);
    expect((await metaWith(editKey)).stamps).toHaveLength(1);
    expect((await metaWith(viewKey)).stamps).toEqual([]);
    const list = await fetch(`${server.url}/api/boards`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    const listed = ((await list.json()) as { boards: { id: string; meta: BoardMeta }[] }).boards;
    expect(listed.find((b) => b.id === board.id)?.meta.stamps).toEqual([]);

    // Placing makes fresh records centred on the point, which the server accepts as an add op.
    const placed = placeStamp(stamp, 2000, 1000, newId);
    const ack = await recorder.send({ id: newId(), kind: 'add', objects: placed });
    expect(ack.ok).toBe(true);
    const centre = placed.map(boardBounds);
    const cx = (Math.min(...centre.map((b) => b.minX)) + Math.max(...centre.map((b) => b.maxX))) / 2;
    expect(Math.abs(cx - 2000)).toBeLessThan(2);

    // A late recorder gets the stamps in its welcome; a late viewer does not.
    const late = await connectClient(server.url, board.id, editKey);
    expect(late.welcome.meta.stamps).toHaveLength(1);
    const lateViewer = await connectClient(server.url, board.id, viewKey);
    expect(lateViewer.welcome.meta.stamps).toEqual([]);
    for (const c of [recorder, viewer, late, lateViewer]) c.close();
  });

  it('refuses viewers, images, oversized and malformed stamps, and a thirteenth stamp, changing nothing', async () => {
    const before = (await metaWith(editKey)).stamps.length;
    expect((await save({ name: 'x', objects: [makeStroke(0, 0)] }, viewKey)).status).toBe(403);
    expect((await save({ name: 'x', objects: [makeStroke(0, 0)] }, 'wrong-key')).status).toBe(403);
    expect((await save({ name: 'x', objects: [makeStroke(0, 0)] }, editKey, 'no-such-board')).status).toBe(
      404,
    );
    const image = {
      id: newId(),
      type: 'image',
      assetId: 'a'.repeat(64),
      w: 100,
      h: 100,
      transform: [1, 0, 0, 1, 0, 0],
    };
    const bad: [unknown, string][] = [
      [{ name: '', objects: [makeStroke(0, 0)] }, 'invalid_title'],
      [{ name: 'x', objects: [] }, 'invalid_payload'],
      [{ name: 'x', objects: [image] }, 'unsupported_image'],
      [{ name: 'x', objects: [{ type: 'stroke' }] }, 'invalid_payload'],
      [
        {
          name: 'x',
          objects: Array.from({ length: BOARD_STAMP_LIMITS.objectsPerStamp + 1 }, () => makeStroke(0, 0)),
        },
        'too_many_objects',
      ],
      [{ name: 'x', objects: [makeStroke(0, 0, 3000)] }, 'too_large'],
      ['not json at all', 'invalid_payload'],
    ];
    for (const [body, reason] of bad) {
      const res = await save(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe(reason);
    }
    expect((await metaWith(editKey)).stamps).toHaveLength(before);

    for (let i = before; i < BOARD_STAMP_LIMITS.perBoard; i++) {
      expect((await save({ name: `s${i}`, objects: [makeStroke(i, i)] })).status).toBe(201);
    }
    const full = await save({ name: 'one too many', objects: [makeStroke(0, 0)] });
    expect(full.status).toBe(400);
    expect(((await full.json()) as { error: string }).error).toBe('too_many_objects');
  });

  it('deletes a stamp by id; unknown ids and viewers are refused; a duplicate board keeps the stamps', async () => {
    const stamps = (await metaWith(editKey)).stamps;
    const first = stamps[0] as BoardStamp;
    const del = (id: string, key = editKey): Promise<Response> =>
      fetch(`${server.url}/api/boards/${board.id}/stamps/${id}?key=${encodeURIComponent(key)}`, {
        method: 'DELETE',
      });
    expect((await del(first.id, viewKey)).status).toBe(403);
    expect((await del('no-such-stamp')).status).toBe(404);
    expect((await del('../etc')).status).toBe(404);
    expect((await del(first.id)).status).toBe(204);
    expect((await metaWith(editKey)).stamps.map((s) => s.id)).toEqual(stamps.slice(1).map((s) => s.id));

    const dup = await fetch(`${server.url}/api/boards/${board.id}/duplicate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '次回' }),
    });
    const copy = (await dup.json()) as CreatedBoard;
    const res = await fetch(
      `${server.url}/api/boards/${copy.id}?key=${encodeURIComponent(keyOf(copy.links.draw))}`,
    );
    expect(((await res.json()) as { meta: BoardMeta }).meta.stamps).toHaveLength(stamps.length - 1);
  });
});

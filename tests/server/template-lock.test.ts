import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardMeta } from '../../shared/board';
import { newId } from '../../shared/ids';
import { layerOf } from '../../shared/layers';
import type { Op } from '../../shared/ops';
import type { BoardObject } from '../../shared/objects/board-object';
import { addOp, makeStroke, makeText, removeOp } from '../helpers/fixtures';
import { connectClient, getBoardDoc, keyOf, waitUntil, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const AGENDA = [
  { start: '13:00', title: '開会' },
  { start: '13:10', title: '基調講演' },
];

describe.each(['memory', 'sqlite'] as const)('template layer lock (%s store)', (store) => {
  let server: Server;

  beforeAll(async () => {
    server = await startTestServer(store);
  });
  afterAll(async () => {
    await server.stop();
  });

  async function createWithAgenda(): Promise<CreatedBoard> {
    const res = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '地域福祉セミナー', agenda: AGENDA }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as CreatedBoard;
  }

  async function setTemplateLocked(id: string, templateLocked: boolean): Promise<BoardMeta> {
    const res = await fetch(`${server.url}/api/boards/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ templateLocked }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { meta: BoardMeta }).meta;
  }

  it('refuses every recorder op on the template while locked, allows them once unlocked, and tells the recorder', async () => {
    const board = await createWithAgenda();
    const viewKey = keyOf(board.links.view);
    const doc = await getBoardDoc(server.url, board.id, viewKey);
    const template = (doc.body.objects as BoardObject[]).filter((o) => layerOf(o) === 'template');
    expect(template.length).toBeGreaterThan(2);
    const heading = template[1] as BoardObject;
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    expect(recorder.welcome.meta.templateLocked).toBe(true);
    const metas: BoardMeta[] = [];
    recorder.socket.on('meta', (m) => metas.push(m));

    const attempts: Op[] = [
      {
        id: newId(),
        kind: 'patch',
        patches: [{ id: heading.id, set: { transform: [1, 0, 0, 1, 50, 50] } }],
      },
      { id: newId(), kind: 'reorder', ids: [heading.id], to: 'front' },
      addOp({ ...makeText(newId(), 'ロゴ'), layer: 'template' }),
    ];
    const ink = makeStroke(400, 400, 6);
    expect((await recorder.send(addOp(ink))).ok).toBe(true);
    // Moving an ink record onto the template layer is a template change too; removal goes last.
    attempts.push({ id: newId(), kind: 'patch', patches: [{ id: ink.id, set: { layer: 'template' } }] });
    attempts.push(removeOp(heading.id));
    for (const op of attempts) {
      expect(await recorder.send(op)).toEqual({ ok: false, reason: 'template_locked' });
    }
    const after = await getBoardDoc(server.url, board.id, viewKey);
    expect(after.body.seq).toBe(doc.body.seq + 1);
    expect(after.body.objects.length).toBe(doc.body.objects.length + 1);

    // Unlocked by the organiser: the recorder is told, and template edits go through.
    const meta = await setTemplateLocked(board.id, false);
    expect(meta.templateLocked).toBe(false);
    await waitUntil(() => metas.some((m) => m.templateLocked === false), 5000, 'meta broadcast');
    for (const op of attempts) {
      const fresh = { ...op, id: newId() };
      const ack = await recorder.send(fresh);
      expect(ack.ok, JSON.stringify({ op: fresh.kind, ack })).toBe(true);
    }

    // Locked again: refused again.
    await setTemplateLocked(board.id, true);
    const logo = template[0] as BoardObject;
    expect(await recorder.send(removeOp(logo.id))).toEqual({ ok: false, reason: 'template_locked' });
    recorder.close();
  });

  it('refuses a malformed lock value and changes nothing', async () => {
    const board = await createWithAgenda();
    const res = await fetch(`${server.url}/api/boards/${board.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ templateLocked: 'no' }),
    });
    expect(res.status).toBe(400);
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    expect(recorder.welcome.meta.templateLocked).toBe(true);
    recorder.close();
  });
});

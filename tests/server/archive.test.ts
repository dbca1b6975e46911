import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../shared/archive';
import { newId } from '../../shared/ids';
import type { ImageRecord } from '../../shared/objects/image';
import { addOp, makeStroke, makeText, removeOp } from '../helpers/fixtures';
import { makePng } from '../helpers/images';
import { connectClient, createBoard, getBoardDoc, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

describe('board archives and settings', () => {
  let server: Server;
  let board: CreatedBoard;
  let archive: Archive;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    board = await createBoard(server.url, TEST_ADMIN_TOKEN, '第21回地域福祉セミナー');
    const drawKey = keyOf(board.links.draw);
    const upload = await fetch(`${server.url}/api/boards/${board.id}/assets?key=${drawKey}`, {
      method: 'POST',
      body: new Uint8Array(makePng(20, 10)),
    });
    const asset = (await upload.json()) as { id: string };
    const image: ImageRecord = {
      id: 'img',
      type: 'image',
      assetId: asset.id,
      w: 400,
      h: 200,
      transform: [1, 0, 0, 1, 50, 60],
    };
    const recorder = await connectClient(server.url, board.id, drawKey);
    await recorder.send(addOp(makeStroke(10, 10, 6, 'a'), makeStroke(200, 200, 6, 'b')));
    await recorder.send(addOp(makeText('t', 'つながる支援'), image));
    await recorder.send(removeOp('a'));
    await recorder.send({ id: newId(), kind: 'patch', patches: [{ id: 't', set: { color: '#1c7ed6' } }] });
    recorder.close();
    const res = await fetch(`${server.url}/api/boards/${board.id}/export.grareco`, { headers: admin });
    expect(res.status).toBe(200);
    archive = (await res.json()) as Archive;
  });
  afterAll(async () => {
    await server.stop();
  });

  function importArchive(body: string | Uint8Array, headers: Record<string, string> = admin) {
    return fetch(`${server.url}/api/boards/import`, { method: 'POST', headers, body: body as BodyInit });
  }

  async function boardCount(): Promise<number> {
    const res = await fetch(`${server.url}/api/boards`, { headers: admin });
    return ((await res.json()) as { boards: unknown[] }).boards.length;
  }

  it('round-trips exactly: objects, log and images', async () => {
    expect(archive.ops.map((o) => o.seq)).toEqual([1, 2, 3, 4]);
    expect(archive.assets).toHaveLength(1);
    const res = await importArchive(JSON.stringify(archive));
    expect(res.status).toBe(201);
    const copy = (await res.json()) as CreatedBoard & { seq: number };
    expect(copy.id).not.toBe(board.id);
    expect(copy.seq).toBe(4);
    const original = await getBoardDoc(server.url, board.id, keyOf(board.links.view));
    const imported = await getBoardDoc(server.url, copy.id, keyOf(copy.links.view));
    expect(imported.body.objects).toEqual(original.body.objects);
    expect(imported.body.seq).toBe(original.body.seq);
    const again = (await (
      await fetch(`${server.url}/api/boards/${copy.id}/export.grareco`, { headers: admin })
    ).json()) as Archive;
    expect(again.ops).toEqual(archive.ops);
    expect(again.assets).toEqual(archive.assets);
    expect({ ...again.meta, id: '', createdAt: 0 }).toEqual({ ...archive.meta, id: '', createdAt: 0 });
    const img = await fetch(
      `${server.url}/api/boards/${copy.id}/assets/${archive.assets[0]?.id}?key=${keyOf(copy.links.view)}`,
    );
    expect(img.status).toBe(200);
  });

  it('refuses corrupt or hostile archives with a clear reason and changes nothing', async () => {
    const before = await boardCount();
    const tamper = (f: (a: Archive) => void): string => {
      const copy = structuredClone(archive);
      f(copy);
      return JSON.stringify(copy);
    };
    const cases: [string | Uint8Array, string][] = [
      ['{not json', 'invalid_archive'],
      [JSON.stringify({ format: 'something-else' }), 'invalid_archive'],
      [new Uint8Array([0x1f, 0x8b, 0, 1, 2, 3]), 'invalid_archive'],
      [
        tamper((a) => void (a.ops[2]!.op = { id: 'x', kind: 'remove', ids: ['never-existed'] })),
        'invalid_archive',
      ],
      [tamper((a) => void (a.ops[1]!.seq = 7)), 'invalid_archive'],
      [
        tamper(
          (a) => void (a.ops[0]!.op = { ...a.ops[0]!.op, objects: [{ type: 'stroke', id: '../../etc' }] }),
        ),
        'invalid_archive',
      ],
      [
        tamper((a) => void (a.assets[0]!.data = Buffer.from('GIF89a fake').toString('base64'))),
        'invalid_archive',
      ],
      [tamper((a) => void (a.assets = [])), 'invalid_archive'],
      [tamper((a) => void (a.meta = { ...a.meta, title: '' })), 'invalid_archive'],
      [tamper((a) => void (a.schemaVersion = 99)), 'archive_too_new'],
    ];
    for (const [body, reason] of cases) {
      const res = await importArchive(body);
      expect(res.status, String(body).slice(0, 60)).toBe(422);
      expect(((await res.json()) as { error: string }).error).toBe(reason);
    }
    expect((await importArchive(JSON.stringify(archive), {})).status).toBe(401);
    expect(
      (await importArchive(JSON.stringify(archive), { authorization: `Bearer ${keyOf(board.links.draw)}` }))
        .status,
    ).toBe(401);
    expect(await boardCount()).toBe(before);
  });

  it('keeps alt text and consent, shows the alt text to viewers and writes it into the PDF', async () => {
    const patch = (body: unknown) =>
      fetch(`${server.url}/api/boards/${board.id}`, {
        method: 'PATCH',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const alt = '重層的支援体制の説明と、つながりを絶やさない支援についてのパネルのまとめ';
    const res = await patch({ altText: alt, consentPublish: true, consentNames: false });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { meta: { altText: string; consentPublish: boolean } }).meta).toMatchObject(
      {
        altText: alt,
        consentPublish: true,
      },
    );
    expect((await patch({ altText: 'x'.repeat(5000) })).status).toBe(400);
    expect((await patch({ title: '' })).status).toBe(400);
    const doc = await getBoardDoc(server.url, board.id, keyOf(board.links.view));
    expect((doc.body as unknown as { meta: { altText: string } }).meta.altText).toBe(alt);
    const pdf = await fetch(`${server.url}/api/boards/${board.id}/export.pdf`, { headers: admin });
    const dir = mkdtempSync(join(tmpdir(), 'grareco-alt-'));
    try {
      writeFileSync(join(dir, 'b.pdf'), Buffer.from(await pdf.arrayBuffer()));
      expect(execFileSync('pdfinfo', [join(dir, 'b.pdf')]).toString()).toMatch(
        new RegExp(`Subject:\\s+${alt}`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('time-lapse log', () => {
  it('serves the whole log with timestamps to the organiser only', async () => {
    const server = await startTestServer('memory');
    try {
      const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
      const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
      await recorder.send(addOp(makeStroke(1, 1, 4, 'x')));
      await recorder.send(removeOp('x'));
      recorder.close();
      const res = await fetch(`${server.url}/api/boards/${board.id}/log`, { headers: admin });
      expect(res.status).toBe(200);
      const log = (await res.json()) as {
        meta: { id: string };
        ops: { seq: number; at: number; op: { kind: string } }[];
      };
      expect(log.meta.id).toBe(board.id);
      expect(log.ops.map((o) => [o.seq, o.op.kind])).toEqual([
        [1, 'add'],
        [2, 'remove'],
      ]);
      expect(log.ops.every((o) => o.at > 0)).toBe(true);
      expect(
        (await fetch(`${server.url}/api/boards/${board.id}/log?key=${keyOf(board.links.view)}`)).status,
      ).toBe(403);
    } finally {
      await server.stop();
    }
  });
});

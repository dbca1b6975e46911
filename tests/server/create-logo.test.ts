import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { templateMargin } from '../../shared/agenda-layout';
import type { BoardObject } from '../../shared/objects/board-object';
import { makePng } from '../helpers/images';
import { getBoardDoc, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const AGENDA = [
  { start: '13:15', title: '開会' },
  { start: '13:25', title: '基調講演' },
];

describe('a logo at board creation', () => {
  let server: Server;
  let dir: string;
  const logo = makePng(400, 200, [20, 90, 200]);

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'grareco-logo-'));
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function createWith(board: unknown, file?: { bytes: Buffer; type: string }): Promise<Response> {
    const form = new FormData();
    form.append('board', JSON.stringify(board));
    if (file) form.append('logo', new Blob([new Uint8Array(file.bytes)], { type: file.type }), 'logo.png');
    return fetch(`${server.url}/api/boards`, { method: 'POST', headers: admin, body: form });
  }

  async function boardCount(): Promise<number> {
    const res = await fetch(`${server.url}/api/boards`, { headers: admin });
    return ((await res.json()) as { boards: unknown[] }).boards.length;
  }

  async function objectsOf(board: CreatedBoard): Promise<BoardObject[]> {
    return (await getBoardDoc(server.url, board.id, keyOf(board.links.view))).body.objects as BoardObject[];
  }

  it('places the logo in the title line’s top-right corner, in the agenda’s first op', async () => {
    const res = await createWith(
      { title: '地域福祉セミナー', agenda: AGENDA },
      { bytes: logo, type: 'image/png' },
    );
    expect(res.status).toBe(201);
    const board = (await res.json()) as CreatedBoard & { seq: number };
    expect(board.seq).toBe(1);
    const objects = await objectsOf(board);
    const image = objects.find((o) => o.type === 'image');
    if (image?.type !== 'image') throw new Error('no logo');
    expect(image.assetId).toBe(createHash('sha256').update(logo).digest('hex'));
    expect(image.layer).toBe('template');
    const m = templateMargin(3840, 2160);
    // One title line high (168), proportions kept, flush with the top-right margin.
    expect([image.w, image.h]).toEqual([336, 168]);
    expect([image.transform[4] + image.w, image.transform[5]]).toEqual([3840 - m, m]);
    // The title's text box stops before the logo.
    const title = objects.find((o) => o.type === 'text' && o.text === '地域福祉セミナー');
    if (title?.type !== 'text') throw new Error('no title');
    expect(title.transform[4] + title.w).toBeLessThanOrEqual(image.transform[4] - 20);
    // The image is served to the board's pages like any uploaded one.
    const asset = await fetch(
      `${server.url}/api/boards/${board.id}/assets/${image.assetId}?key=${keyOf(board.links.view)}`,
    );
    expect(asset.status).toBe(200);
    expect(Buffer.from(await asset.arrayBuffer()).equals(logo)).toBe(true);

    // The PDF carries it: one embedded image of the logo's own pixels.
    const pdf = await fetch(`${server.url}/api/boards/${board.id}/export.pdf`, { headers: admin });
    const path = join(dir, 'logo.pdf');
    writeFileSync(path, Buffer.from(await pdf.arrayBuffer()));
    const list = execFileSync('pdfimages', ['-list', path], { encoding: 'utf8' });
    const rows = list.trim().split('\n').slice(2);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.trim().split(/\s+/).slice(3, 5)).toEqual(['400', '200']);

    // Duplicate as template keeps it (the same image, copied to the new board).
    const dup = await fetch(`${server.url}/api/boards/${board.id}/duplicate`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '次回のセミナー' }),
    });
    expect(dup.status).toBe(201);
    const copy = (await dup.json()) as CreatedBoard;
    const copied = (await objectsOf(copy)).find((o) => o.type === 'image');
    expect(copied).toMatchObject({ assetId: image.assetId, w: image.w, h: image.h, layer: 'template' });
    const copiedAsset = await fetch(
      `${server.url}/api/boards/${copy.id}/assets/${image.assetId}?key=${keyOf(copy.links.view)}`,
    );
    expect(copiedAsset.status).toBe(200);
  });

  it('places a logo alone when there is no agenda; JSON bodies work as before', async () => {
    const res = await createWith({ title: 'ロゴだけ' }, { bytes: logo, type: 'image/png' });
    expect(res.status).toBe(201);
    const objects = await objectsOf((await res.json()) as CreatedBoard);
    expect(objects.map((o) => o.type)).toEqual(['image']);
    const plain = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'JSON のまま' }),
    });
    expect(plain.status).toBe(201);
  });

  it('refuses a bad logo or form with a clear reason and creates nothing', async () => {
    const before = await boardCount();
    const fake = await createWith(
      { title: '偽の画像' },
      { bytes: Buffer.from('<svg>not a png</svg>'), type: 'image/png' },
    );
    expect(fake.status).toBe(415);
    expect(await fake.json()).toMatchObject({ error: 'unsupported_image' });
    const huge = await createWith({ title: '大きすぎる' }, { bytes: makePng(9000, 4), type: 'image/png' });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: 'too_large' });
    const noBoard = new FormData();
    noBoard.append('logo', new Blob([new Uint8Array(logo)]), 'logo.png');
    const missing = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: admin,
      body: noBoard,
    });
    expect(missing.status).toBe(400);
    const broken = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'multipart/form-data; boundary=x' },
      body: 'garbage',
    });
    expect(broken.status).toBe(400);
    const badTitle = await createWith({ title: '' }, { bytes: logo, type: 'image/png' });
    expect(badTitle.status).toBe(400);
    const noToken = new FormData();
    noToken.append('board', JSON.stringify({ title: 'x' }));
    expect((await fetch(`${server.url}/api/boards`, { method: 'POST', body: noToken })).status).toBe(401);
    expect(await boardCount()).toBe(before);
  });
});

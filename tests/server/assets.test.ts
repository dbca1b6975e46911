import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GIF_1X1, makeJpeg, makePng, pngBomb, pngHeaderClaiming } from '../helpers/images';
import { createBoard, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { childPids } from '../helpers/child-processes';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('image assets', () => {
  let server: Server;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    board = await createBoard(server.url, TEST_ADMIN_TOKEN);
  });
  afterAll(async () => {
    await server.stop();
  });

  function upload(bytes: Buffer, key = keyOf(board.links.draw), type = 'application/octet-stream') {
    return fetch(`${server.url}/api/boards/${board.id}/assets?key=${encodeURIComponent(key)}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(bytes),
    });
  }

  it('checks uploads one after another in one image-check process, not a fork per upload', async () => {
    // A board of its own: the shared one's upload rate is spent by the other tests here.
    const own = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const pids = new Set<number>();
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.url}/api/boards/${own.id}/assets?key=${keyOf(own.links.draw)}`, {
        method: 'POST',
        body: new Uint8Array(makePng(20 + i, 10, [i * 40, 90, 200])),
      });
      expect(res.status).toBe(201);
      for (const pid of childPids('image-check-child')) pids.add(pid);
    }
    expect(pids.size).toBe(1);
    // Exports keep a process of their own each; no export process is left from the checks.
    expect(childPids('export-child')).toEqual([]);
  });

  it('takes a PNG by its content, whatever it claims to be, and serves it back with the right headers', async () => {
    const png = makePng(40, 30);
    const res = await upload(png, keyOf(board.links.draw), 'image/jpeg');
    expect(res.status).toBe(201);
    const asset = (await res.json()) as {
      id: string;
      mime: string;
      width: number;
      height: number;
      url: string;
    };
    expect(asset).toMatchObject({ mime: 'image/png', width: 40, height: 30, bytes: png.length });
    const got = await fetch(`${server.url}${asset.url}?key=${keyOf(board.links.view)}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('cache-control')).toContain('immutable');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await got.arrayBuffer()).equals(png)).toBe(true);
    const again = (await (await upload(png)).json()) as { id: string };
    expect(again.id).toBe(asset.id);
    const cached = await fetch(`${server.url}${asset.url}?key=${keyOf(board.links.view)}`, {
      headers: { 'if-none-match': `"${asset.id}"` },
    });
    expect(cached.status).toBe(304);
  });

  it('refuses anything that is not PNG, JPEG or WebP, with a clear reason', async () => {
    for (const bytes of [
      GIF_1X1,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      Buffer.from('just some text pretending to be image.png'),
      Buffer.alloc(0),
    ]) {
      const res = await upload(bytes, keyOf(board.links.draw), 'image/png');
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ error: 'unsupported_image' });
    }
  });

  it('refuses images over the byte and pixel limits', async () => {
    const huge = await upload(Buffer.concat([makePng(2, 2), Buffer.alloc(9 * 1024 * 1024)]));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: 'too_large' });
    const wide = await upload(pngHeaderClaiming(10_000, 100));
    expect(wide.status).toBe(413);
    const many = await upload(pngHeaderClaiming(6_000, 6_000));
    expect(await many.json()).toMatchObject({ error: 'too_large', detail: 'pixels' });
  });

  it('reads every image whole before accepting it: header-only, truncated and bomb files are refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grareco-jpeg-'));
    const jpeg = await makeJpeg(dir);
    rmSync(dir, { recursive: true, force: true });
    const png = makePng(64, 48);
    // Built before the first request: deflating the bomb takes seconds on a loaded machine, and a
    // keep-alive connection left idle that long can be closed by the server as it is reused.
    const refused = {
      'header-only PNG': pngHeaderClaiming(64, 48),
      'truncated PNG': png.subarray(0, png.length - 30),
      'truncated JPEG': jpeg.subarray(0, Math.floor(jpeg.length * 0.6)),
      'JPEG headers only': jpeg.subarray(0, jpeg.indexOf(Buffer.from([0xff, 0xda]))),
      'zlib bomb (200 MB of pixels behind a 2000×1000 header)': pngBomb(2_000, 1_000, 200 * 1024 * 1024),
    };
    expect((await upload(jpeg)).status).toBe(201);
    const before = (await (
      await fetch(`${server.url}/api/boards/${board.id}?key=${keyOf(board.links.view)}`)
    ).json()) as { seq: number };
    for (const [what, bytes] of Object.entries(refused)) {
      const res = await upload(bytes);
      expect(res.status, what).toBe(415);
      expect(await res.json(), what).toMatchObject({ error: 'unsupported_image', detail: 'undecodable' });
    }
    const after = (await (
      await fetch(`${server.url}/api/boards/${board.id}?key=${keyOf(board.links.view)}`)
    ).json()) as { seq: number };
    expect(after.seq).toBe(before.seq);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('lets only writers upload and only key holders read', async () => {
    expect((await upload(makePng(2, 2), keyOf(board.links.view))).status).toBe(403);
    expect((await upload(makePng(2, 2), 'wrong')).status).toBe(403);
    const created = (await (await upload(makePng(3, 3))).json()) as { url: string };
    expect((await fetch(`${server.url}${created.url}`)).status).toBe(401);
    expect((await fetch(`${server.url}${created.url}?key=wrong`)).status).toBe(403);
    const other = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const foreign = created.url.replace(board.id, other.id);
    expect((await fetch(`${server.url}${foreign}?key=${keyOf(other.links.view)}`)).status).toBe(404);
    for (const bad of ['..%2F..%2Fetc%2Fpasswd', 'abc', '0'.repeat(65)]) {
      const res = await fetch(
        `${server.url}/api/boards/${board.id}/assets/${bad}?key=${keyOf(board.links.view)}`,
      );
      expect(res.status).toBe(404);
    }
  });

  it('refuses uploads to a locked board', async () => {
    const locked = await createBoard(server.url, TEST_ADMIN_TOKEN);
    await fetch(`${server.url}/api/boards/${locked.id}/lock`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ locked: true }),
    });
    const res = await fetch(`${server.url}/api/boards/${locked.id}/assets?key=${keyOf(locked.links.draw)}`, {
      method: 'POST',
      body: new Uint8Array(makePng(2, 2)),
    });
    expect(res.status).toBe(409);
  });
});

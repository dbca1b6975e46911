import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBomb, pngHeaderClaiming } from '../helpers/images';
import { createBoard, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/**
 * What assets.test.ts does not cover of "decoded before accepted": a tiny file claiming a
 * huge image (refused from its header, before any inflating), and a logo on board creation,
 * which goes through the same whole read as a board asset.
 */
describe('uploaded images are decoded before they are accepted', () => {
  let server: Server;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    board = await createBoard(server.url, TEST_ADMIN_TOKEN);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses a tiny file claiming 20,000 × 20,000 pixels as too_large', async () => {
    const bomb = pngBomb(20_000, 20_000, 1024);
    expect(bomb.length).toBeLessThan(2048);
    const res = await fetch(`${server.url}/api/boards/${board.id}/assets?key=${keyOf(board.links.draw)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bomb),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'too_large' });
  });

  it('refuses a header-only PNG logo on board creation as unsupported_image and creates nothing', async () => {
    const list = async () =>
      (
        (await (
          await fetch(`${server.url}/api/boards`, {
            headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
          })
        ).json()) as { boards: unknown[] }
      ).boards.length;
    const before = await list();
    const form = new FormData();
    form.set('board', JSON.stringify({ title: 'Broken logo' }));
    form.set(
      'logo',
      new Blob([new Uint8Array(pngHeaderClaiming(64, 64))], { type: 'image/png' }),
      'logo.png',
    );
    const res = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: form,
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: 'unsupported_image' });
    expect(await list()).toBe(before);
  });
});

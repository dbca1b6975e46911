import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('HTTP API', () => {
  let server: Server;
  let board: CreatedBoard;
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    board = await createBoard(server.url, TEST_ADMIN_TOKEN, 'シンポジウム');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers /healthz', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('creates a board with three absolute, working links', async () => {
    expect(board.title).toBe('シンポジウム');
    expect(board.id).toMatch(/^[A-Za-z0-9_-]+$/);
    for (const [page, link] of Object.entries(board.links)) {
      const u = new URL(link);
      expect(u.origin).toBe(server.url);
      expect(u.pathname).toBe(`/b/${board.id}/${page}`);
      expect(keyOf(link).length).toBeGreaterThanOrEqual(43);
    }
    expect(keyOf(board.links.draw)).not.toBe(keyOf(board.links.view));
    expect(keyOf(board.links.view)).toBe(keyOf(board.links.present));
  });

  it('refuses to create without the admin token, or with a bad body', async () => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${server.url}/api/boards`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    expect((await post({}, '{"title":"x"}')).status).toBe(401);
    expect((await post({ authorization: 'Bearer wrong' }, '{"title":"x"}')).status).toBe(401);
    const empty = await post(admin, '{"title":"   "}');
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: 'invalid_title' });
    expect((await post(admin, '{not json')).status).toBe(400);
    expect((await post(admin, JSON.stringify({ title: 'x'.repeat(100_000) }))).status).toBe(413);
  });

  it('lists boards for the organiser only', async () => {
    const res = await fetch(`${server.url}/api/boards`, { headers: admin });
    const body = (await res.json()) as { boards: { id: string; viewers: number; links: unknown }[] };
    expect(body.boards.map((b) => b.id)).toContain(board.id);
    expect(body.boards[0]?.links).toEqual(board.links);
    expect((await fetch(`${server.url}/api/boards`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/boards?key=${keyOf(board.links.view)}`)).status).toBe(401);
  });

  it('serves the board document to each key and nothing to a wrong one', async () => {
    for (const [key, role] of [
      [keyOf(board.links.view), 'viewer'],
      [keyOf(board.links.draw), 'recorder'],
      [TEST_ADMIN_TOKEN, 'organiser'],
    ] as const) {
      const res = await fetch(`${server.url}/api/boards/${board.id}?key=${encodeURIComponent(key)}`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as Record<string, unknown>;
      expect(doc).toMatchObject({ id: board.id, title: 'シンポジウム', seq: 0, objects: [], role });
      expect(doc['meta']).toMatchObject({ id: board.id, width: 3840, height: 2160, locked: false });
    }
    const bearer = await fetch(`${server.url}/api/boards/${board.id}`, {
      headers: { authorization: `Bearer ${keyOf(board.links.view)}` },
    });
    expect(bearer.status).toBe(200);
    expect((await fetch(`${server.url}/api/boards/${board.id}`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/boards/${board.id}?key=wrong`)).status).toBe(403);
    expect((await fetch(`${server.url}/api/boards/nope?key=${keyOf(board.links.view)}`)).status).toBe(404);
  });

  it('keeps path tricks out', async () => {
    const view = keyOf(board.links.view);
    for (const path of [
      `/api/boards/..%2F..%2Fetc%2Fpasswd?key=${view}`,
      `/api/boards/%2e%2e?key=${view}`,
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/b/..%2F..%2Fetc/view',
    ]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(await res.text()).not.toContain('root:');
    }
  });

  it('sends security headers and no Referer for key-carrying pages', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

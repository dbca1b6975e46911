import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewport } from '../../shared/ephemeral';
import { connectClient, createBoard, keyOf, waitUntil } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('viewport and laser pointer', () => {
  let server: Server;

  beforeAll(async () => {
    server = await startTestServer('memory');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('relays the recorder viewport, remembers the last one for late joiners, and caps the rate', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
    expect(viewer.welcome.viewport).toBeNull();
    const seen: Viewport[] = [];
    viewer.socket.on('viewport', (v) => seen.push(v));
    recorder.socket.emit('viewport', { x: 100.4, y: 200, w: 1920, h: 1080 });
    await waitUntil(() => seen.length === 1);
    expect(seen[0]).toEqual({ x: 100, y: 200, w: 1920, h: 1080, actor: recorder.clientId });
    for (let i = 0; i < 50; i++) recorder.socket.emit('viewport', { x: i, y: 0, w: 1000, h: 600 });
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.length).toBeLessThanOrEqual(12);
    const late = await connectClient(server.url, board.id, keyOf(board.links.view));
    expect(late.welcome.viewport).toEqual({ x: 49, y: 0, w: 1000, h: 600 });
    for (const c of [recorder, viewer, late]) c.close();
  });

  it('refuses bad viewports and ignores ephemeral events from viewers', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
    const other = await connectClient(server.url, board.id, keyOf(board.links.view));
    const rejected: string[] = [];
    recorder.socket.on('rejected', (r) => rejected.push(`${r.event}:${r.reason}`));
    const got: unknown[] = [];
    other.socket.on('viewport', (v) => got.push(v));
    other.socket.on('laser', (l) => got.push(l));
    recorder.socket.emit('viewport', { x: NaN, y: 0, w: 1, h: 1 });
    recorder.socket.emit('laser', { points: 'nope' });
    viewer.socket.emit('viewport', { x: 0, y: 0, w: 100, h: 100 });
    viewer.socket.emit('laser', { points: [[1, 1]] });
    await waitUntil(() => rejected.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(rejected).toEqual(['viewport:invalid_payload', 'laser:invalid_payload']);
    expect(got).toEqual([]);
    for (const c of [recorder, viewer, other]) c.close();
  });

  it('relays laser pointer samples to viewers', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
    const trail: unknown[] = [];
    viewer.socket.on('laser', (l) => trail.push(l));
    recorder.socket.emit('laser', {
      points: [
        [10, 20],
        [30.6, 40],
      ],
    });
    await waitUntil(() => trail.length === 1);
    expect(trail[0]).toEqual({
      points: [
        [10, 20],
        [31, 40],
      ],
      actor: recorder.clientId,
    });
    recorder.close();
    viewer.close();
  });
});

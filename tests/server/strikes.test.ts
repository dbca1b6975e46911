import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits';
import type { OpAck, SyncReply } from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import { FRAME_LIMITS } from '../../server/socket/frame-limits';
import { STRIKE_LIMITS } from '../../server/socket/strikes';
import { addOp, makeStroke } from '../helpers/fixtures';
import { connectClient, createBoard, keyOf, waitUntil, type TestClient } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

/** An op of exactly `points` points, in full strokes (the largest legal op is 20,000). */
function opOf(points: number) {
  const per = LIMITS.pointsPerStroke;
  return addOp(
    ...Array.from({ length: Math.ceil(points / per) }, (_, i) => ({
      ...makeStroke(i, i, 1),
      points: Array.from(
        { length: Math.min(per, points - i * per) },
        (_, k) => [k % 1000, 100 + i, 0.5] as [number, number, number],
      ),
    })),
  );
}

function cutWatch(c: TestClient): { cut: () => boolean } {
  let cut = false;
  c.socket.on('disconnect', () => (cut = true));
  return { cut: () => cut };
}

describe('sockets that keep sending what no page sends are cut (#14)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    server = await startTestServer('memory');
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server.stop();
  });

  async function join(board: { id: string; links: { draw: string; view: string } }, link: 'draw' | 'view') {
    const c = await connectClient(server.url, board.id, keyOf(board.links[link]));
    clients.push(c);
    return c;
  }

  it('disconnects a recorder at its first op past the points cap, after answering it', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const r = await join(board, 'draw');
    const watch = cutWatch(r);
    // Answered (the refusal comes before the cut) ...
    const ack: OpAck = await r.send(opOf(LIMITS.pointsPerOp + 1));
    const refusedAs: readonly string[] = [REJECT.tooManyPoints, REJECT.rateLimited];
    expect(!ack.ok && refusedAs.includes(ack.reason)).toBe(true);
    // ... and the socket ended: no honest page sends it (the client chunks with the same code).
    await waitUntil(watch.cut, 5_000, 'the socket past the cap is disconnected');
  });

  it('forgives a few invalid ops (another version, a bug) and cuts a socket that keeps sending them', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const r = await join(board, 'draw');
    const watch = cutWatch(r);
    const bad = { ...addOp(makeStroke(1, 1)), kind: 'no-such-kind' };
    const acks: OpAck[] = [];
    for (let i = 0; i < STRIKE_LIMITS.burst - 1; i++) acks.push(await r.send(bad as never));
    expect(acks.every((a) => !a.ok)).toBe(true);
    expect(watch.cut()).toBe(false);
    acks.push(await r.send(bad as never), await r.send(bad as never));
    await waitUntil(watch.cut, 5_000, 'the striking socket is disconnected');
  });

  it('keeps a recorder that sends legal 20,000-point ops, however many are refused rate_limited', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const r = await join(board, 'draw');
    const watch = cutWatch(r);
    const acks = await Promise.all(
      Array.from({ length: STRIKE_LIMITS.burst * 2 }, () => r.send(opOf(LIMITS.pointsPerOp))),
    );
    expect(acks.filter((a) => a.ok).length).toBeGreaterThanOrEqual(1);
    expect(acks.every((a) => a.ok || a.reason === REJECT.rateLimited)).toBe(true);
    expect(await r.send(addOp(makeStroke(5, 5)))).toMatchObject({ ok: true });
    expect(watch.cut()).toBe(false);
  });

  it('disconnects a viewer that keeps emitting write events; one that syncs stays', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const bad = await join(board, 'view');
    const good = await join(board, 'view');
    const badCut = cutWatch(bad);
    const goodCut = cutWatch(good);
    for (let i = 0; i <= STRIKE_LIMITS.burst; i++)
      bad.socket.emit('live', { strokeId: 'x', from: 0, points: [] });
    await waitUntil(badCut.cut, 5_000, 'the viewer emitting live batches is disconnected');
    const replies: SyncReply[] = [];
    for (let i = 0; i < 3; i++) replies.push(await good.sync(0));
    expect(replies.every((s) => s.ok)).toBe(true);
    expect(goodCut.cut()).toBe(false);
  });

  it('closes a viewer connection at a frame past the untrusted bound; a writer may send a full op', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const viewer = await join(board, 'view');
    const cut = cutWatch(viewer);
    viewer.socket.emit(
      'sync',
      { since: 0, junk: 'a'.repeat(FRAME_LIMITS.untrustedBytes + 1) },
      () => undefined,
    );
    await waitUntil(cut.cut, 5_000, 'the viewer sending an oversized frame is closed');
    const r = await join(board, 'draw');
    const full = opOf(LIMITS.pointsPerOp);
    expect(await r.send(full)).toMatchObject({ ok: true });
  });
});

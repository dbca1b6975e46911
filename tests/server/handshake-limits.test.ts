import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { FAILED_HANDSHAKES } from '../../server/socket/failed-handshakes';
import { SESSION_LIMITS } from '../../server/socket/session-closing';
import { openFds, openRawSession, type RawSession } from '../helpers/raw-sessions';
import { connectClient, createBoard, keyOf, waitUntil, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const CONNECT_ERROR = 4;

function badKey(board: CreatedBoard) {
  return { boardId: board.id, key: 'not-the-key', clientId: newId(), protocol: PROTOCOL_VERSION };
}

function reasonOf(reply: { type: number; data?: unknown }): unknown {
  return (reply.data as { data?: { reason?: unknown } } | undefined)?.data?.reason;
}

describe('handshakes: refused sessions close, unfinished ones time out', () => {
  let server: Server;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    board = await createBoard(server.url, TEST_ADMIN_TOKEN);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('a refused handshake is answered with its reason and its connection is closed at once', async () => {
    const before = server.io.engine.clientsCount;
    const session = await openRawSession(server.url);
    expect(server.io.engine.clientsCount).toBe(before + 1);
    const reply = await session.connect(badKey(board));
    expect(reply.type).toBe(CONNECT_ERROR);
    expect(reasonOf(reply)).toBe('bad_key');
    // The client never closes: the server does, long before the connect timeout.
    await waitUntil(() => server.io.engine.clientsCount === before, 1_000, 'the session to close');
    await waitUntil(session.isClosed, 1_000, 'the client to see the close');
  });

  it('a session that never sends the Socket.IO CONNECT is closed after the connect timeout', async () => {
    const before = server.io.engine.clientsCount;
    const t0 = performance.now();
    const session = await openRawSession(server.url);
    await session.closed;
    const took = performance.now() - t0;
    expect(took).toBeGreaterThan(SESSION_LIMITS.connectTimeoutMs - 500);
    expect(took).toBeLessThan(SESSION_LIMITS.connectTimeoutMs + 2_000);
    await waitUntil(() => server.io.engine.clientsCount <= before, 1_000, 'the engine to forget it');
  });

  it('3,000 bad-key attempts from one address leave no sessions behind; an honest viewer still connects at once', async () => {
    const before = openFds();
    let peak = before;
    const sessions: RawSession[] = [];
    const reasons = new Map<unknown, number>();
    const CONCURRENT = 100;
    let next = 0;
    async function attacker(): Promise<void> {
      while (next < 3_000) {
        const i = next++;
        const s = await openRawSession(server.url);
        sessions.push(s);
        // Half a wrong key, half an unknown board: over the limit that is answered from memory.
        const auth = i % 2 ? badKey(board) : { ...badKey(board), boardId: newId() };
        const reason = reasonOf(await s.connect(auth));
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        peak = Math.max(peak, openFds());
      }
    }
    await Promise.all(Array.from({ length: CONCURRENT }, attacker));
    // Both ends of each session live in this process: two descriptors per open session.
    expect(peak - before).toBeLessThan(4 * CONCURRENT + 200);
    expect(reasons.get('bad_key')).toBe(1_500);
    // The window may pass during the run: each new window lets `limit` failures through again.
    expect((reasons.get('rate_limited') ?? 0) + (reasons.get('unknown_board') ?? 0)).toBe(1_500);
    expect(reasons.get('rate_limited')).toBeGreaterThan(1_000);
    await waitUntil(() => sessions.every((s) => s.isClosed()), 5_000, 'every refused session to close');
    await waitUntil(() => openFds() < before + 50, 5_000, 'the descriptors to be released');

    // Same address, still over its failure limit: a viewer with the right key gets in at once.
    const t0 = performance.now();
    const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(viewer.welcome.role).toBe('viewer');
    viewer.close();
  }, 120_000);
});

describe('a hall behind one NAT address', () => {
  let server: Server;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('1,000 viewers from one address all connect, even after that address failed handshakes', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    // Someone in the hall with a rotated link, retrying: the address goes over its failure limit.
    for (let i = 0; i < FAILED_HANDSHAKES.limit + 5; i++) {
      const s = await openRawSession(server.url);
      await s.connect(badKey(board));
      s.close();
    }
    const viewers = [];
    for (let i = 0; i < 1_000; i += 100)
      viewers.push(
        ...(await Promise.all(
          Array.from({ length: 100 }, () => connectClient(server.url, board.id, keyOf(board.links.view))),
        )),
      );
    expect(viewers.every((v) => v.welcome.role === 'viewer' && v.socket.connected)).toBe(true);
    expect(server.io.of('/').sockets.size).toBe(1_000);
    for (const v of viewers) v.close();
    // The address goes over its limit again (the window may have passed while a loaded machine
    // connected the hall): the viewers did not exempt it, what memory cannot answer is refused.
    for (let i = 0; i < FAILED_HANDSHAKES.limit + 5; i++) {
      const raw = await openRawSession(server.url);
      await raw.connect(badKey(board));
      raw.close();
    }
    const s = await openRawSession(server.url);
    expect(reasonOf(await s.connect({ ...badKey(board), boardId: newId() }))).toBe('rate_limited');
    s.close();
  }, 120_000);
});

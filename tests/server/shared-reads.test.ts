import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID_HEADER } from '../../shared/client-id-header';
import { newId } from '../../shared/ids';
import { LIMITS, READ_LIMITS } from '../../shared/limits';
import type { SyncReply } from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import { addOp, makeStroke } from '../helpers/fixtures';
import { connectClient, createBoard, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** Committed straight through the writer: 500 ops over a socket would wait on its rate limit. */
async function fill(server: Server, boardId: string, n: number, points: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await server.boards.writer.submit(boardId, 'seed', addOp(makeStroke(i % 3000, 0, points)));
    if (!r.ok) throw new Error(`seed op refused: ${r.reason}`);
  }
}

describe('catch-up and snapshots served from memory, shared, rate-limited', () => {
  let server: Server;
  let board: CreatedBoard;
  let opsSinceCalls = 0;

  beforeAll(async () => {
    server = await startTestServer('memory');
    const store = server.store;
    const opsSince = store.opsSince.bind(store);
    store.opsSince = (...args) => {
      opsSinceCalls++;
      return opsSince(...args);
    };
    board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    await fill(server, board.id, LIMITS.catchUpMaxOps + 20, 200);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers a flood of syncs 500 ops back from memory, shared and limited, while the recorder’s acks go on', async () => {
    const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    const seq = viewer.welcome.seq;
    const before = opsSinceCalls;
    const flood: Promise<SyncReply>[] = [];
    for (let i = 0; i < 60; i++) flood.push(viewer.sync(seq - LIMITS.catchUpMaxOps));
    const acks = [];
    for (let i = 0; i < 5; i++) acks.push(await recorder.send(addOp(makeStroke(i, 100, 20))));
    const replies = await Promise.all(flood);
    expect(acks.every((a) => a.ok)).toBe(true);
    const served = replies.filter((r) => r.ok);
    const refused = replies.filter((r) => !r.ok && r.reason === REJECT.rateLimited);
    // Past the socket's burst the rest is refused, and what is served never re-reads the log:
    // the window of recent ops is read from the store once for the board, at most.
    expect(served.length).toBeGreaterThan(0);
    expect(served.length).toBeLessThanOrEqual(READ_LIMITS.sync.burst + 2);
    // The recorder's ops move the board on meanwhile: later requests are then too far behind.
    const behind = replies.filter((r) => !r.ok && r.reason === REJECT.snapshotRequired);
    expect(refused.length).toBeGreaterThan(replies.length / 2);
    expect(served.length + refused.length + behind.length).toBe(replies.length);
    for (const r of served) expect(r.ok && r.ops.length).toBe(LIMITS.catchUpMaxOps);
    expect(opsSinceCalls - before).toBeLessThanOrEqual(1);
    // Another viewer asking the same costs no read either.
    const other = await connectClient(server.url, board.id, keyOf(board.links.view));
    const again = await other.sync(other.welcome.seq - LIMITS.catchUpMaxOps);
    expect(again.ok && again.ops.at(-1)?.seq).toBe(other.welcome.seq);
    expect(opsSinceCalls - before).toBeLessThanOrEqual(1);
    for (const c of [viewer, recorder, other]) c.close();
  });

  it('limits one client id across its sockets', async () => {
    const clientId = newId();
    const sockets = await Promise.all(
      [0, 1, 2].map(() => connectClient(server.url, board.id, keyOf(board.links.view), clientId)),
    );
    const seq = sockets[0]?.welcome.seq ?? 0;
    const replies = await Promise.all(
      sockets.flatMap((s) => Array.from({ length: READ_LIMITS.sync.burst }, () => s.sync(seq - 1))),
    );
    const refused = replies.filter((r) => !r.ok && r.reason === REJECT.rateLimited).length;
    // 12 asked, each socket within its own burst, the client’s burst is what holds.
    expect(refused).toBeGreaterThanOrEqual(3 * READ_LIMITS.sync.burst - READ_LIMITS.syncPerClient.burst - 2);
    for (const s of sockets) s.close();
  });

  it('encodes a snapshot once for identical concurrent GETs, again only after a commit', async () => {
    const viewKey = keyOf(board.links.view);
    const url = `${server.url}/api/boards/${board.id}?key=${encodeURIComponent(viewKey)}`;
    const get = () => fetch(url, { headers: { [CLIENT_ID_HEADER]: newId() } });
    const before = server.boards.snapshots.encodes;
    const first = await Promise.all(Array.from({ length: 16 }, get));
    const bodies = await Promise.all(first.map((r) => r.text()));
    expect(first.every((r) => r.status === 200)).toBe(true);
    expect(new Set(bodies).size).toBe(1);
    expect(server.boards.snapshots.encodes - before).toBe(1);
    const parsed = JSON.parse(bodies[0] ?? '{}') as { seq: number; role: string; objects: unknown[] };
    expect(parsed.role).toBe('viewer');
    expect(parsed.objects.length).toBe(parsed.seq);

    await fill(server, board.id, 1, 5);
    const after = await Promise.all(Array.from({ length: 8 }, get));
    const seqs = await Promise.all(after.map(async (r) => ((await r.json()) as { seq: number }).seq));
    expect(seqs.every((s) => s === parsed.seq + 1)).toBe(true);
    expect(server.boards.snapshots.encodes - before).toBe(2);
  });

  it('sends the snapshot gzipped to a client that takes gzip, the same JSON, encoded once', async () => {
    await fill(server, board.id, 1, 5);
    const url = `${server.url}/api/boards/${board.id}?key=${encodeURIComponent(keyOf(board.links.view))}`;
    const get = (encoding: string) =>
      fetch(url, { headers: { [CLIENT_ID_HEADER]: newId(), 'Accept-Encoding': encoding } });
    const before = server.boards.snapshots.encodes;
    const plain = await get('identity');
    const zipped = await get('gzip, br');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
    const [a, b] = [await plain.text(), await zipped.text()];
    expect(b).toBe(a);
    expect(Number(zipped.headers.get('content-length'))).toBeLessThan(Buffer.byteLength(a) / 2);
    expect(server.boards.snapshots.encodes - before).toBe(1);
  });

  it('refuses a client asking for the snapshot faster than its share, each refusal held a second', async () => {
    const clientId = newId();
    const url = `${server.url}/api/boards/${board.id}?key=${encodeURIComponent(keyOf(board.links.view))}`;
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const status = (await fetch(url, { headers: { [CLIENT_ID_HEADER]: clientId } })).status;
        return { status, ms: performance.now() - started };
      }),
    );
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(
      READ_LIMITS.snapshotPerClient.burst + 1,
    );
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    // A loop on refusals gets one answer a second per connection, not thousands.
    for (const r of refused) expect(r.ms).toBeGreaterThan(900);
  });
});

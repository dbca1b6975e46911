import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, WRITER_LIMITS } from '../../shared/limits';
import { REJECT } from '../../shared/reject-reasons';
import type { OpAck } from '../../shared/protocol';
import { opCost } from '../../server/socket/writer-cost';
import { addOp, makeStroke } from '../helpers/fixtures';
import { connectClient, createBoard, keyOf, type TestClient } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

/** An op as large as one may be: two full strokes. */
function fullOp() {
  const per = LIMITS.pointsPerStroke;
  return addOp(
    ...Array.from({ length: LIMITS.pointsPerOp / per }, (_, i) => {
      const s = makeStroke(i, i, 1);
      return {
        ...s,
        points: Array.from({ length: per }, (_, k) => [k % 1000, i, 0.5] as [number, number, number]),
      };
    }),
  );
}

describe('writers are charged by points (#14)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const clients: TestClient[] = [];
  beforeAll(async () => {
    server = await startTestServer('memory');
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server.stop();
  });

  async function recorder(board: { id: string; links: { draw: string } }): Promise<TestClient> {
    const c = await connectClient(server.url, board.id, keyOf(board.links.draw));
    clients.push(c);
    return c;
  }

  it('refuses one socket past its cost burst with rate_limited', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const r = await recorder(board);
    const n = Math.floor(WRITER_LIMITS.cost.burst / opCost(fullOp(), undefined)) + 2;
    const acks: OpAck[] = await Promise.all(Array.from({ length: n }, () => r.send(fullOp())));
    const refused = acks.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const a of refused) expect(a).toMatchObject({ reason: REJECT.rateLimited });
  });

  it('charges refused ops what they claimed, so invalid ones soon go unchecked', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const r = await recorder(board);
    // A full op's points with one broken colour: checked, refused, and charged all the same.
    // (One past the points cap is not charged but cut at once: strikes.test.ts.)
    const invalid = () => {
      const op = fullOp();
      return { ...op, objects: op.objects.map((o, i) => (i === 0 ? { ...o, color: 'no colour' } : o)) };
    };
    // Sent back to back (in order on one socket), not one per round trip: on a loaded machine
    // round trips of a second would refill the bucket between sends.
    const acks: OpAck[] = await Promise.all(Array.from({ length: 8 }, () => r.send(invalid() as never)));
    const reasons = acks.map((a) => (a.ok ? 'ok' : a.reason));
    const checked = reasons.filter((x) => x !== REJECT.rateLimited);
    expect(checked.slice(0, 3).every((x) => x !== 'ok')).toBe(true);
    // Past the socket's burst the rest are refused before their points are checked.
    expect(reasons.slice(-2)).toEqual([REJECT.rateLimited, REJECT.rateLimited]);
    expect(checked.length).toBeLessThanOrEqual(Math.ceil(WRITER_LIMITS.cost.burst / LIMITS.pointsPerOp) + 1);
  });

  it('shares one budget across the sockets of a key; another board is not held back', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const tabs = await Promise.all([recorder(board), recorder(board), recorder(board)]);
    const other = await recorder(await createBoard(server.url, TEST_ADMIN_TOKEN));
    const full = opCost(fullOp(), undefined);
    // Each tab alone stays within its own socket's burst; together they pass the key's.
    const perTab = Math.floor(WRITER_LIMITS.cost.burst / full);
    const acks = await Promise.all(
      tabs.flatMap((t) => Array.from({ length: perTab }, () => t.send(fullOp()))),
    );
    const accepted = acks.filter((a) => a.ok).length;
    expect(accepted).toBeLessThan(tabs.length * perTab);
    expect(acks.filter((a) => !a.ok).every((a) => !a.ok && a.reason === REJECT.rateLimited)).toBe(true);
    expect(await other.send(fullOp())).toMatchObject({ ok: true });
  });
});

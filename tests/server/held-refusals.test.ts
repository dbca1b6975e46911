import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpAck } from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import { WRITER_LIMITS } from '../../shared/limits';
import { ABUSE_CUTS } from '../../server/socket/abuse-cuts';
import { FRAME_LIMITS } from '../../server/socket/frame-limits';
import { HELD_REFUSALS } from '../../server/socket/held-refusals';
import { addOp, makeStroke } from '../helpers/fixtures';
import { connectClient, createBoard, keyOf, waitUntil, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

describe('refusals held, addresses that keep being cut held (#14)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let board: CreatedBoard;
  beforeAll(async () => {
    server = await startTestServer('memory');
    board = await createBoard(server.url, TEST_ADMIN_TOKEN);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers rate_limited after a pause to a writer that waits for its answers, and keeps it', async () => {
    const r = await connectClient(server.url, board.id, keyOf(board.links.draw), undefined, '127.0.3.1');
    const burst = await Promise.all(
      Array.from({ length: WRITER_LIMITS.ops.burst }, (_, i) => r.send(addOp(makeStroke(i, 1, 2)))),
    );
    expect(burst.every((a) => a.ok)).toBe(true);
    // Out of ops now: the next ones are refused, each answered after the pause.
    const started = performance.now();
    const more = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const ack = await r.send(addOp(makeStroke(i, 3, 2)));
        return { ack, ms: performance.now() - started };
      }),
    );
    const refused = more.filter((m) => !m.ack.ok && m.ack.reason === REJECT.rateLimited);
    expect(refused.length).toBeGreaterThan(20);
    for (const m of refused) expect(m.ms).toBeGreaterThan(HELD_REFUSALS.delayMs - 50);
    expect(r.socket.connected).toBe(true);
    r.close();
  });

  it('cuts a writer that keeps sending past its held refusals, answering each before the cut', async () => {
    const r = await connectClient(server.url, board.id, keyOf(board.links.draw), undefined, '127.0.3.2');
    let cut = false;
    r.socket.on('disconnect', () => (cut = true));
    const n = WRITER_LIMITS.ops.burst + HELD_REFUSALS.maxHeld + 40;
    const acks = await Promise.allSettled(
      Array.from({ length: n }, (_, i) => r.send(addOp(makeStroke(i, 2, 2)))),
    );
    await waitUntil(() => cut, 5_000, 'the flooding writer is cut');
    const answered = acks.flatMap((a) => (a.status === 'fulfilled' ? [a.value as OpAck] : []));
    // Everything sent before the cut was answered: the held ones too, flushed at the cut.
    expect(answered.length).toBeGreaterThanOrEqual(WRITER_LIMITS.ops.burst + HELD_REFUSALS.maxHeld);
    expect(answered.filter((a) => !a.ok && a.reason === REJECT.rateLimited).length).toBeGreaterThanOrEqual(
      HELD_REFUSALS.maxHeld,
    );
  });

  it('holds the next connections of an address whose viewers keep being cut, never refuses them; others go on', async () => {
    const junk = { since: 0, junk: 'a'.repeat(FRAME_LIMITS.untrustedBytes + 1) };
    const address = '127.0.3.3';
    for (let i = 0; i < ABUSE_CUTS.limit; i++) {
      const v = await connectClient(server.url, board.id, keyOf(board.links.view), undefined, address);
      let cut = false;
      v.socket.on('disconnect', () => (cut = true));
      v.socket.emit('sync', junk, () => undefined);
      await waitUntil(() => cut, 5_000, 'the viewer sending an oversized frame is closed');
      v.close();
    }
    const timed = async (from: string) => {
      const started = performance.now();
      const c = await connectClient(server.url, board.id, keyOf(board.links.view), undefined, from);
      const ms = performance.now() - started;
      c.close();
      return ms;
    };
    const [held, other] = await Promise.all([timed(address), timed('127.0.3.4')]);
    expect(held).toBeGreaterThan(ABUSE_CUTS.holdMs - 100);
    expect(other).toBeLessThan(ABUSE_CUTS.holdMs - 100);
  });
});

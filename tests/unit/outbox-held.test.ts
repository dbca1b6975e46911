import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Op } from '../../shared/ops';
import type { OpAck } from '../../shared/protocol';
import { REJECT, type RejectReason } from '../../shared/reject-reasons';
import { BoardState } from '../../client/state/board-state.svelte';
import { Outbox } from '../../client/sync/outbox.svelte';
import { addOp, makeStroke } from '../helpers/fixtures';
import { MemoryOpStore } from '../helpers/memory-op-store';

/**
 * A server whose database is damaged refuses every op with store_damaged until the operator
 * restores a backup: the tablet must keep the strokes (on the board and on the device) for as
 * long as that takes, and send them once the server takes writes again.
 */
describe('outbox: ops held while the server cannot store them', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps an op refused with store_damaged through many refusals, then delivers it once', async () => {
    const board = new BoardState();
    const store = new MemoryOpStore();
    const held: RejectReason[] = [];
    const rejected: RejectReason[] = [];
    const outbox = new Outbox({
      board,
      store,
      onHeld: (reason) => held.push(reason),
      onRejected: (_op, reason) => rejected.push(reason),
    });
    let damaged = true;
    const sent: string[] = [];
    outbox.online((op: Op, ack: (reply: OpAck) => void) => {
      sent.push(op.id);
      queueMicrotask(() =>
        ack(damaged ? { ok: false, reason: REJECT.storeDamaged } : { ok: true, seq: sent.length }),
      );
    });
    const op = addOp(makeStroke(0, 0, 8, 'kept'));
    outbox.add(op, board.applyLocal(op));

    // Well past the few retries an `internal` refusal gets: ten minutes of refusals.
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(sent.length).toBeGreaterThan(8);
    expect(held.every((r) => r === REJECT.storeDamaged)).toBe(true);
    expect(rejected).toEqual([]);
    expect(outbox.pendingCount).toBe(1);
    expect(board.objectCount).toBe(1);
    expect((await store.load()).map((o) => o.id)).toEqual([op.id]);

    // The backup is restored: the next try lands and the op is forgotten.
    damaged = false;
    const tries = sent.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent.length).toBe(tries + 1);
    expect(outbox.pendingCount).toBe(0);
    expect(await store.load()).toEqual([]);
    expect(board.objectCount).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config';
import { newId } from '../../shared/ids';
import type { Op } from '../../shared/ops';
import { REJECT } from '../../shared/reject-reasons';
import { addOp, makeStroke, removeOp } from '../helpers/fixtures';
import { connectClient, createBoard, keyOf, type TestClient } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

/** Small enough to fill in a few ops: add/remove churn is what grows a log without bound. */
const BUDGET = 6_000;

interface Summary {
  id: string;
  bytes: number;
  budgetBytes: number;
}

describe.each(['memory', 'sqlite'] as const)('a board has a log budget (#14, %s store)', (store) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let recorder: TestClient;
  let boardId: string;

  beforeAll(async () => {
    // The same field BOARD_LOG_BUDGET_MB sets in production (configFromEnv below).
    server = await startTestServer(store, { budgets: { logBytes: BUDGET } });
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    boardId = board.id;
    recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
  });
  afterAll(async () => {
    recorder.close();
    await server.stop();
  });

  async function summary(): Promise<Summary> {
    const res = await fetch(`${server.url}/api/boards`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    const { boards } = (await res.json()) as { boards: Summary[] };
    const found = boards.find((b) => b.id === boardId);
    if (!found) throw new Error('board missing from the list');
    return found;
  }

  it('refuses ops past the budget with board_full and reports the size to the organiser', async () => {
    expect(await summary()).toMatchObject({ bytes: 0, budgetBytes: BUDGET });
    let refused = null;
    let accepted = 0;
    let last: Op | null = null;
    for (let i = 0; i < 100 && !refused; i++) {
      last = i % 2 === 0 ? addOp(makeStroke(10, 10, 20, `s${i}`)) : removeOp(`s${i - 1}`);
      const ack = await recorder.send(last);
      if (ack.ok) accepted++;
      else refused = ack;
    }
    expect(accepted).toBeGreaterThan(2);
    expect(refused).toEqual({ ok: false, reason: REJECT.boardFull });
    const { bytes } = await summary();
    expect(bytes).toBeLessThanOrEqual(BUDGET);
    expect(bytes).toBeGreaterThan(BUDGET / 2);
    // What the writer counted is what the store holds.
    expect(bytes).toBe(await server.store.logBytes(boardId));
    // Still full: the same op again is refused, and nothing was stored for the refusals.
    if (last) expect(await recorder.send({ ...last, id: newId() })).toEqual(refused);
    expect(await server.store.logBytes(boardId)).toBe(bytes);
  });
});

describe('BOARD_LOG_BUDGET_MB and BOARD_UPLOAD_QUOTA_MB', () => {
  it('set the budgets in MiB, with generous defaults', () => {
    const MB = 1024 * 1024;
    expect(configFromEnv({}).budgets).toEqual({ logBytes: 256 * MB, assetBytes: 200 * MB });
    expect(configFromEnv({ BOARD_LOG_BUDGET_MB: '3', BOARD_UPLOAD_QUOTA_MB: '5' }).budgets).toEqual({
      logBytes: 3 * MB,
      assetBytes: 5 * MB,
    });
    expect(() => configFromEnv({ BOARD_LOG_BUDGET_MB: '0' })).toThrow(/BOARD_LOG_BUDGET_MB/);
  });
});

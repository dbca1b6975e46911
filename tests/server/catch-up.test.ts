import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits';
import { addOp, makeStroke } from '../helpers/fixtures';
import { connectClient, createBoard, keyOf } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('catch-up of a viewer far behind', () => {
  let server: Server;

  beforeAll(async () => {
    server = await startTestServer('memory');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('replays a short tail but sends a viewer far behind to the snapshot', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const total = LIMITS.catchUpMaxOps + 5;
    // A fresh writer socket per 200 ops stays inside the per-socket rate limit.
    let recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    for (let i = 0; i < total; i++) {
      if (i > 0 && i % 200 === 0) {
        recorder.close();
        recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
      }
      expect((await recorder.send(addOp(makeStroke(i % 3000, 0, 3)))).ok).toBe(true);
    }
    const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
    const near = await viewer.sync(total - 10);
    expect(near.ok && near.ops.length).toBe(10);
    const exactlyAtLimit = await viewer.sync(total - LIMITS.catchUpMaxOps);
    expect(exactlyAtLimit.ok && exactlyAtLimit.ops.length).toBe(LIMITS.catchUpMaxOps);
    expect(await viewer.sync(0)).toEqual({ ok: false, reason: 'snapshot_required', seq: total });
    recorder.close();
    viewer.close();
  });
});

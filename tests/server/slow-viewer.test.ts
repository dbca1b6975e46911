import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Server as IoServer } from 'socket.io';
import { nextSlowState, slowRoomOf, SLOW_VIEWER, watchSlowViewers } from '../../server/socket/slow-viewers';
import { addOp, makeStroke } from '../helpers/fixtures';
import { connectClient, createBoard, keyOf, waitUntil } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** A stand-in for a server-side socket: its engine backlog and its rooms. */
function fakeSocket(role: string, backlog: number) {
  const rooms = new Set<string>();
  return {
    data: { role, boardId: 'b1' },
    conn: { writeBuffer: Array.from({ length: backlog }) },
    rooms,
    join: (r: string) => rooms.add(r),
    leave: (r: string) => rooms.delete(r),
  };
}

describe('slow viewers', () => {
  let server: Server;

  beforeAll(async () => {
    server = await startTestServer('memory');
  });
  afterAll(async () => {
    await server.stop();
  });

  it('marks a viewer slow above the high mark and clears it only below the low mark', () => {
    expect(nextSlowState(SLOW_VIEWER.markAbove + 1, false)).toBe(true);
    expect(nextSlowState(SLOW_VIEWER.markAbove, false)).toBe(false);
    expect(nextSlowState(SLOW_VIEWER.clearBelow + 1, true)).toBe(true);
    expect(nextSlowState(SLOW_VIEWER.clearBelow - 1, true)).toBe(false);
  });

  it('checks every viewer’s engine backlog, never a writer’s', () => {
    vi.useFakeTimers();
    try {
      const behind = fakeSocket('viewer', SLOW_VIEWER.markAbove + 10);
      const fine = fakeSocket('viewer', 0);
      const writer = fakeSocket('recorder', SLOW_VIEWER.markAbove + 10);
      const io = {
        of: () => ({
          sockets: new Map([
            ['a', behind],
            ['b', fine],
            ['c', writer],
          ]),
        }),
      };
      const stop = watchSlowViewers(io as unknown as IoServer);
      vi.advanceTimersByTime(SLOW_VIEWER.checkEveryMs + 1);
      expect(behind.rooms.has(slowRoomOf('b1'))).toBe(true);
      expect(fine.rooms.size).toBe(0);
      expect(writer.rooms.size).toBe(0);
      behind.conn.writeBuffer = [];
      vi.advanceTimersByTime(SLOW_VIEWER.checkEveryMs + 1);
      expect(behind.rooms.has(slowRoomOf('b1'))).toBe(false);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a viewer marked slow skips live batches but still gets every committed op', async () => {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    const viewKey = keyOf(board.links.view);
    const healthy = await connectClient(server.url, board.id, viewKey);
    const slow = await connectClient(server.url, board.id, viewKey);
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    const serverSide = [...server.io.of('/').sockets.values()].find((s) => s.data.clientId === slow.clientId);
    if (!serverSide) throw new Error('no server-side socket for the slow viewer');
    // As the backlog check would when its connection cannot keep up. Its buffer is in fact
    // empty, so the next check (every 200 ms) would let it out again mid-test: keep it in.
    void serverSide.join(slowRoomOf(board.id));
    serverSide.leave = () => undefined;
    const style = { tool: 'pen', color: '#000000', size: 8, opacity: 1, simulatePressure: true } as const;
    for (let i = 0; i < 5; i++)
      recorder.socket.emit('live', { ...style, strokeId: 's', from: i, points: [[i, i, 0.5]] });
    await recorder.send(addOp(makeStroke(0, 0, 4, 'committed')));
    await waitUntil(() => healthy.live.length === 5 && healthy.ops.length === 1 && slow.ops.length === 1);
    expect(slow.live).toEqual([]);
    expect(slow.ops[0]?.seq).toBe(1);
    for (const c of [healthy, slow, recorder]) c.close();
  });
});

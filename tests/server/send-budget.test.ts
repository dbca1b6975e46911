import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket as NetSocket } from 'node:net';
import { LIMITS, READ_LIMITS } from '../../shared/limits';
import { backlogOf, SEND_BUDGET } from '../../server/socket/send-budget';
import { addOp, makeStroke } from '../helpers/fixtures';
import {
  connectClient,
  createBoard,
  keyOf,
  waitUntil,
  type CreatedBoard,
  type TestClient,
} from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

interface ClientWs {
  send(data: string): void;
  _socket: NetSocket;
}

/** The node websocket under a test client: pausing its TCP socket stops reading for real. */
function wsOf(client: TestClient): ClientWs {
  return (client.socket.io.engine.transport as unknown as { ws: ClientWs }).ws;
}

function serverSocketOf(server: Server, client: TestClient) {
  return [...server.io.of('/').sockets.values()].find((s) => s.data.clientId === client.clientId);
}

describe('send budget', () => {
  let server: Server;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = await startTestServer('memory');
    board = await createBoard(server.url, TEST_ADMIN_TOKEN);
    for (let i = 0; i < LIMITS.catchUpMaxOps + 10; i++) {
      const r = await server.boards.writer.submit(board.id, 'seed', addOp(makeStroke(i % 3000, 0, 200)));
      if (!r.ok) throw new Error(r.reason);
    }
  });
  afterAll(async () => {
    await server.stop();
  });

  it('cuts a viewer that stops reading but answers pings and floods syncs, with its backlog bounded', async () => {
    const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
    const since = viewer.welcome.seq - LIMITS.catchUpMaxOps;
    const onServer = serverSocketOf(server, viewer);
    if (!onServer) throw new Error('no server-side socket');
    const ws = wsOf(viewer);
    ws._socket.pause();
    const started = Date.now();
    // engine.io pong ("3") sent blind, as a client that keeps its session alive without reading.
    const pongs = setInterval(() => ws.send('3'), 500);
    const flood = setInterval(() => viewer.socket.emit('sync', { since }, () => undefined), 10);
    let maxBytes = 0;
    const sample = setInterval(() => (maxBytes = Math.max(maxBytes, backlogOf(onServer.conn).bytes)), 20);
    try {
      await waitUntil(() => onServer.disconnected, 8_000, 'the non-reading viewer to be cut');
    } finally {
      for (const t of [pongs, flood, sample]) clearInterval(t);
      viewer.close();
    }
    const tookMs = Date.now() - started;
    console.log(
      `non-reading viewer cut after ${tookMs} ms, largest backlog seen ${(maxBytes / 1e6).toFixed(1)} MB`,
    );
    expect(tookMs).toBeLessThan(6_000);
    // Never more than the budget plus the one reply that the check refused to add.
    expect(maxBytes).toBeLessThanOrEqual(SEND_BUDGET.viewer.bytes + READ_LIMITS.catchUpMaxBytes);
    // The server goes on serving.
    const other = await connectClient(server.url, board.id, keyOf(board.links.view));
    expect((await other.sync(other.welcome.seq - 1)).ok).toBe(true);
    other.close();
  });

  it('keeps a viewer that is slow but reads, however far behind it falls for a while', async () => {
    const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    const onServer = serverSocketOf(server, viewer);
    if (!onServer) throw new Error('no server-side socket');
    const tcp = wsOf(viewer)._socket;
    // Reads a tenth of the time: a phone on a saturated hall Wi-Fi.
    let tick = 0;
    const duty = setInterval(() => {
      tick = (tick + 1) % 10;
      if (tick === 0) tcp.resume();
      else if (tick === 1) tcp.pause();
    }, 40);
    let maxBytes = 0;
    const sample = setInterval(() => (maxBytes = Math.max(maxBytes, backlogOf(onServer.conn).bytes)), 20);
    const seqAtStart = viewer.welcome.seq;
    try {
      // Large catch-ups (as many at once as the rate limit lets through) while the recorder
      // draws long strokes: several MB to send each round.
      for (let round = 0; round < 6; round++) {
        const catchUps = [300, 350].map((back) =>
          viewer.socket.timeout(20_000).emitWithAck('sync', { since: seqAtStart + round * 10 - back }),
        );
        for (let i = 0; i < 10; i++) await recorder.send(addOp(makeStroke(i, 200, 1_000)));
        for (const r of await Promise.all(catchUps)) expect(r.ok ? 'ok' : r.reason).toBe('ok');
        await new Promise((r) => setTimeout(r, 1_000));
      }
    } finally {
      clearInterval(duty);
      clearInterval(sample);
      tcp.resume();
    }
    await waitUntil(() => viewer.ops.length === 60, 20_000, 'every committed op');
    console.log(`slow viewer kept, largest backlog seen ${(maxBytes / 1e6).toFixed(1)} MB`);
    expect(onServer.connected).toBe(true);
    expect(viewer.socket.connected).toBe(true);
    // On loopback the kernel's buffers take most of what it has not read, so what the server
    // itself holds stays small here; the figure is logged above.
    expect(maxBytes).toBeLessThanOrEqual(SEND_BUDGET.viewer.bytes);
    viewer.close();
    recorder.close();
  });
});

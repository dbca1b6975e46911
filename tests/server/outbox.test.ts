import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Op } from '../../shared/ops';
import { PROTOCOL_VERSION, type OpAck } from '../../shared/protocol';
import { REJECT, type RejectReason } from '../../shared/reject-reasons';
import { WIRE } from '../../shared/wire';
import { BoardState } from '../../client/state/board-state.svelte';
import { Outbox } from '../../client/sync/outbox.svelte';
import { addOp, makeStroke } from '../helpers/fixtures';
import { MemoryOpStore } from '../helpers/memory-op-store';
import {
  connectClient,
  createBoard,
  keyOf,
  waitUntil,
  type ClientSocket,
  type CreatedBoard,
} from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** How the wire treats one op: delivered, its frame lost on the way up, or its ack lost. */
type Fate = 'deliver' | 'lose-frame' | 'lose-ack';

/**
 * The outbox of one recorder tab, wired to a real socket the way the page's link wires it:
 * online on every welcome, offline on every disconnect. Broadcasts are left unwired (in the
 * page they reach the outbox through catch-up), so every removal here comes from an ack.
 */
interface Recorder {
  socket: ClientSocket;
  board: BoardState;
  store: MemoryOpStore;
  outbox: Outbox;
  rejected: { op: Op; reason: RejectReason }[];
  /** Decides each op's fate as it is sent; 'deliver' unless the test says otherwise. */
  fate: (op: Op) => Fate;
  /** Applies an op to the board and hands it to the outbox, as BoardSession.local does. */
  draw(op: Op): void;
  connect(): Promise<void>;
  drop(): Promise<void>;
}

describe('outbox over a real socket', () => {
  let server: Server;
  let board: CreatedBoard;
  const open: ClientSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer('memory');
  });
  afterAll(async () => {
    await server?.stop();
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.disconnect();
  });

  async function recorder(store = new MemoryOpStore()): Promise<Recorder> {
    const socket: ClientSocket = io(server.url, {
      ...WIRE,
      auth: {
        boardId: board.id,
        key: keyOf(board.links.draw),
        clientId: 'outbox-test',
        protocol: PROTOCOL_VERSION,
      },
      autoConnect: false,
      reconnection: false,
      forceNew: true,
    });
    open.push(socket);
    const state = new BoardState();
    const rejected: Recorder['rejected'] = [];
    const outbox = new Outbox({
      board: state,
      store,
      onRejected: (op, reason) => rejected.push({ op, reason }),
    });
    const r: Recorder = {
      socket,
      board: state,
      store,
      outbox,
      rejected,
      fate: () => 'deliver',
      draw(op) {
        outbox.add(op, state.applyLocal(op));
      },
      async connect() {
        const welcomed = new Promise<void>((resolve) => socket.once('welcome', () => resolve()));
        socket.connect();
        await welcomed;
      },
      async drop() {
        if (!socket.connected) return;
        const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
        socket.disconnect();
        await gone;
      },
    };
    socket.on('welcome', () =>
      outbox.online((op, ack) => {
        const fate = r.fate(op);
        if (fate === 'lose-frame') return;
        socket.emit('op', op, fate === 'lose-ack' ? (_: OpAck) => undefined : ack);
      }),
    );
    socket.on('disconnect', () => outbox.offline());
    await outbox.restore();
    return r;
  }

  /** The server's log of the board, as a late joiner would read it. */
  async function serverLog(): Promise<{ seq: number; id: string }[]> {
    const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
    try {
      const reply = await viewer.sync(0);
      if (!reply.ok) throw new Error(`sync refused: ${reply.reason}`);
      return reply.ops.map((c) => ({ seq: c.seq, id: c.op.id }));
    } finally {
      viewer.close();
    }
  }

  beforeAll(async () => {
    board = await createBoard(server.url, TEST_ADMIN_TOKEN, 'outbox');
  });
  afterEach(async () => {
    board = await createBoard(server.url, TEST_ADMIN_TOKEN, 'outbox');
  });

  it('stores an op, sends it, and forgets it once acknowledged', async () => {
    const r = await recorder();
    await r.connect();
    const storedWhenSent: boolean[] = [];
    r.fate = (sent) => {
      storedWhenSent.push(r.store.ops.some((o) => o.id === sent.id));
      return 'deliver';
    };
    const stroke = makeStroke(100, 100);
    const op = addOp(stroke);
    r.draw(op);
    expect(r.outbox.pendingCount).toBe(1);
    expect(r.outbox.saveState).toBe('pending');
    await waitUntil(() => r.outbox.pendingCount === 0, 5000, 'the ack');
    expect(r.outbox.saveState).toBe('saved');
    // On the device before it went out, gone from it once answered.
    expect(storedWhenSent).toEqual([true]);
    expect(r.store.ops).toEqual([]);
    expect(r.board.has(stroke.id)).toBe(true);
    expect(await serverLog()).toEqual([{ seq: 1, id: op.id }]);
  });

  it('keeps an op whose frame never arrived and sends it again after a reconnect', async () => {
    const r = await recorder();
    await r.connect();
    r.fate = () => 'lose-frame';
    const op = addOp(makeStroke(100, 100));
    r.draw(op);
    await waitUntil(() => r.store.ops.length === 1, 2000, 'the op stored on the device');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await serverLog()).toEqual([]);
    // Sent, never heard of: the device still holds it, and so does the outbox.
    expect(r.outbox.pendingCount).toBe(1);
    expect(r.store.ops.map((o) => o.id)).toEqual([op.id]);

    await r.drop();
    r.fate = () => 'deliver';
    await r.connect();
    await waitUntil(() => r.outbox.pendingCount === 0, 5000, 'the resent op acknowledged');
    expect(r.store.ops).toEqual([]);
    expect(await serverLog()).toEqual([{ seq: 1, id: op.id }]);
  });

  it('resends an op whose ack was lost, and the server stores it exactly once', async () => {
    const r = await recorder();
    await r.connect();
    r.fate = () => 'lose-ack';
    const op = addOp(makeStroke(100, 100));
    r.draw(op);
    await waitUntil(() => r.store.ops.length === 1, 2000, 'the op stored on the device');
    await expect.poll(serverLog, { timeout: 5000 }).toEqual([{ seq: 1, id: op.id }]);
    // Committed, but no answer came: nothing proves it to this tab yet.
    expect(r.outbox.pendingCount).toBe(1);
    expect(r.store.ops.map((o) => o.id)).toEqual([op.id]);

    await r.drop();
    r.fate = () => 'deliver';
    await r.connect();
    await waitUntil(() => r.outbox.pendingCount === 0, 5000, 'the resend answered');
    expect(r.store.ops).toEqual([]);
    // The server knew the op id: the resend was answered with seq 1 and committed nothing.
    expect(await serverLog()).toEqual([{ seq: 1, id: op.id }]);
  });

  it('drops an op the server refuses for good, takes it back and says why', async () => {
    const r = await recorder();
    await r.connect();
    const res = await fetch(`${server.url}/api/boards/${board.id}/lock`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ locked: true }),
    });
    expect(res.status).toBe(200);
    const stroke = makeStroke(100, 100);
    const op = addOp(stroke);
    r.draw(op);
    expect(r.board.has(stroke.id)).toBe(true);
    await waitUntil(() => r.rejected.length === 1, 5000, 'the refusal');
    expect(r.rejected[0]?.op.id).toBe(op.id);
    expect(r.rejected[0]?.reason).toBe(REJECT.boardLocked);
    expect(r.outbox.pendingCount).toBe(0);
    expect(r.board.has(stroke.id)).toBe(false);
    await waitUntil(() => r.store.ops.length === 0, 2000, 'the refused op forgotten on the device');
    expect(await serverLog()).toEqual([]);
  });

  it('delivers in the order drawn across a drop, with ops left by an earlier page first', async () => {
    const earlier = [addOp(makeStroke(10, 10)), addOp(makeStroke(20, 20))];
    const r = await recorder(new MemoryOpStore(earlier));
    expect(r.outbox.pendingCount).toBe(2);
    const online = [1, 2, 3, 4].map((i) => addOp(makeStroke(100 * i, 100)));
    // The last two frames of this connection are lost on the way up.
    const lost = new Set(online.slice(2).map((o) => o.id));
    r.fate = (op) => (lost.has(op.id) ? 'lose-frame' : 'deliver');
    await r.connect();
    for (const op of online) r.draw(op);
    await waitUntil(() => r.outbox.pendingCount === 2, 5000, 'all but the lost ops acknowledged');

    await r.drop();
    const offline = [5, 6, 7].map((i) => addOp(makeStroke(100 * i, 300)));
    for (const op of offline) r.draw(op);
    expect(r.outbox.pendingCount).toBe(5);
    r.fate = () => 'deliver';
    await r.connect();
    await waitUntil(() => r.outbox.pendingCount === 0, 5000, 'the backlog acknowledged');

    const made = [...earlier, ...online, ...offline].map((o) => o.id);
    expect((await serverLog()).map((c) => c.id)).toEqual(made);
    expect(r.store.ops).toEqual([]);
  });
});

import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectSocket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../shared/ids';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import { WIRE } from '../../shared/wire';
import { BoardService } from '../../server/boards/board-service';
import type { BoardKeys } from '../../server/boards/board-keys';
import type { Logger } from '../../server/logger';
import { PresenceTracker } from '../../server/presence';
import { attachSockets, type GrarecoIo } from '../../server/socket/io';
import { createMemoryStore } from '../../server/store/memory-store';
import type { BoardStore } from '../../server/store/store';
import { waitUntil, type ClientSocket } from '../helpers/socket-clients';

/**
 * The socket layer over a store that fails: the memory store, shared as PostgreSQL is (so every
 * lookup asks the store, as on a cluster node), whose board reads fail whenever `down` says so.
 * Wired through attachSockets' own dependencies; nothing in the product knows of it.
 */
describe('socket layer when the store fails', () => {
  let http: HttpServer;
  let io: GrarecoIo;
  let url: string;
  let boardId: string;
  let keys: BoardKeys;
  let down: () => boolean;
  const outage = new Error('store unreachable');
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() } satisfies Logger;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  const clients: ClientSocket[] = [];

  beforeEach(async () => {
    down = () => false;
    unhandled.length = 0;
    log.error.mockClear();
    process.on('unhandledRejection', onUnhandled);
    const inner = createMemoryStore();
    const store: BoardStore = {
      ...inner,
      shared: true,
      getBoard: (id) => (down() ? Promise.reject(outage) : inner.getBoard(id)),
    };
    const boards = new BoardService({ store, secret: Buffer.alloc(32, 3), adminToken: 'admin-token' });
    ({
      board: {
        meta: { id: boardId },
      },
      keys,
    } = await boards.lifecycle.create({ title: '障害' }));
    http = createServer();
    io = attachSockets({ httpServer: http, boards, presence: new PresenceTracker(), log });
    await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await new Promise<void>((done) => {
      io.close(() => done());
    });
    process.off('unhandledRejection', onUnhandled);
  });

  function connect(): ClientSocket {
    const socket: ClientSocket = connectSocket(url, {
      ...WIRE,
      auth: { boardId, key: keys.editKey, clientId: newId(), protocol: PROTOCOL_VERSION },
      reconnection: false,
      forceNew: true,
    });
    clients.push(socket);
    return socket;
  }

  it('refuses the handshake with the typed internal reason and logs why', async () => {
    down = () => true;
    const socket = connect();
    const refusal = await new Promise<unknown>((resolve) => {
      socket.on('connect_error', (err) => resolve((err as Error & { data?: unknown }).data));
    });
    expect(refusal).toEqual({ reason: REJECT.internal });
    expect(log.error).toHaveBeenCalledWith('socket', expect.any(String), outage);
    expect(unhandled).toEqual([]);
  });

  it('logs a failed lookup after the handshake and drops the socket, which gets no welcome', async () => {
    // Up for the handshake, down from the moment the socket counts as connected.
    down = () => io.of('/').sockets.size > 0;
    const socket = connect();
    let welcomed = false;
    let dropped: string | undefined;
    socket.on('welcome', () => (welcomed = true));
    socket.on('disconnect', (reason) => (dropped = reason));
    await waitUntil(() => dropped !== undefined, 5_000, 'the server to drop the socket');
    expect(dropped).toBe('io server disconnect');
    expect(welcomed).toBe(false);
    expect(log.error).toHaveBeenCalledWith('socket', expect.any(String), outage);
    // A rejection nobody handled is reported on a later turn of the event loop.
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
  });

  it('welcomes as usual while the store answers', async () => {
    const socket = connect();
    const welcome = await new Promise<{ seq: number }>((resolve) => socket.on('welcome', resolve));
    expect(welcome.seq).toBeGreaterThanOrEqual(0);
    expect(log.error).not.toHaveBeenCalled();
  });
});

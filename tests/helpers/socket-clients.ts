import { WIRE } from '../../shared/wire';
import { io, type Socket } from 'socket.io-client';
import { newId } from '../../shared/ids';
import type { CommittedOp, Op } from '../../shared/ops';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type LiveStrokeBroadcast,
  type OpAck,
  type ServerToClientEvents,
  type SyncReply,
  type Welcome,
} from '../../shared/protocol';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface CreatedBoard {
  id: string;
  title: string;
  links: { draw: string; view: string; present: string };
}

export function keyOf(link: string): string {
  const key = new URL(link).searchParams.get('key');
  if (!key) throw new Error(`no key in ${link}`);
  return key;
}

export async function createBoard(url: string, adminToken: string, title = 'テスト'): Promise<CreatedBoard> {
  const res = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (res.status !== 201) throw new Error(`create board: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreatedBoard;
}

export async function getBoardDoc(url: string, boardId: string, key: string) {
  const res = await fetch(`${url}/api/boards/${boardId}?key=${encodeURIComponent(key)}`);
  return { status: res.status, body: (await res.json()) as { seq: number; objects: { id: string }[] } };
}

/** A connected test client that records everything the server sends it. */
export interface TestClient {
  socket: ClientSocket;
  clientId: string;
  welcome: Welcome;
  ops: CommittedOp[];
  live: LiveStrokeBroadcast[];
  send(op: Op): Promise<OpAck>;
  sync(since: number): Promise<SyncReply>;
  waitFor(pred: () => boolean, ms?: number): Promise<void>;
  close(): void;
}

export async function waitUntil(pred: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function connectClient(
  url: string,
  boardId: string,
  key: string,
  clientId = newId(),
  /** Another loopback address (127.0.0.2, …) to connect from: the server tells addresses apart. */
  localAddress?: string,
): Promise<TestClient> {
  const socket: ClientSocket = io(url, {
    ...WIRE,
    auth: { boardId, key, clientId, protocol: PROTOCOL_VERSION },
    reconnection: false,
    forceNew: true,
    ...(localAddress ? { localAddress } : {}),
  });
  const ops: CommittedOp[] = [];
  const live: LiveStrokeBroadcast[] = [];
  socket.on('op', (c) => ops.push(c));
  socket.on('live', (b) => live.push(b));
  const welcome = await new Promise<Welcome>((resolve, reject) => {
    socket.once('welcome', resolve);
    socket.once('connect_error', reject);
  });
  return {
    socket,
    clientId,
    welcome,
    ops,
    live,
    send: (op) => socket.timeout(5000).emitWithAck('op', op),
    sync: (since) => socket.timeout(5000).emitWithAck('sync', { since }),
    waitFor: (pred, ms) => waitUntil(pred, ms),
    close: () => socket.disconnect(),
  };
}

/** Resolves with the connect_error message (the reject reason) of a refused handshake. */
export function connectRefusal(url: string, auth: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { ...WIRE, auth, reconnection: false, forceNew: true });
    socket.once('connect', () => {
      socket.disconnect();
      reject(new Error('connected, expected a refusal'));
    });
    socket.once('connect_error', (err) => {
      socket.disconnect();
      resolve(err.message);
    });
  });
}

/**
 * Sends ops one after another as a recorder's outbox would: an op refused `rate_limited` (past
 * the socket's share of points) waits and goes again, so seeding a heavy board never depends
 * on how fast this machine happens to be. Any other refusal throws.
 */
export async function sendAll(client: TestClient, ops: readonly Op[]): Promise<void> {
  for (const op of ops) {
    for (;;) {
      const ack = await client.send(op);
      if (ack.ok) break;
      if (ack.reason !== 'rate_limited') throw new Error(`op refused: ${ack.reason}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

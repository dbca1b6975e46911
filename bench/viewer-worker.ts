import { WIRE } from '../shared/wire';
import { io, type Socket } from 'socket.io-client';
import { newId } from '../shared/ids';
import type { CommittedOp } from '../shared/ops';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type LiveStrokeBroadcast,
  type ServerToClientEvents,
} from '../shared/protocol';
import { now } from './clock';
import type { ViewerClock, ViewerConnected, ViewerReply, ViewerRequest, ViewerResult } from './messages';

/**
 * Hosts many viewers in one process, so the server process is measured alone. Viewers only
 * listen, like the real viewer page; each arrival is stamped with this process's clock.
 */
type Viewer = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Handshakes in flight at once: enough to connect 500 viewers in a second or two, not a storm. */
const CONNECT_CONCURRENCY = 25;

const viewers: Viewer[] = [];
// Arrivals as parallel arrays (batch key index, time): hundreds of thousands of entries stay cheap.
const liveKeys = new Map<string, number>();
const liveKeyNames: string[] = [];
const liveKeyOf: number[] = [];
const liveAt: number[] = [];
const opIds: string[] = [];
const opAt: number[] = [];
let disconnects = 0;

function reply(msg: ViewerReply): void {
  process.send?.(msg);
}

function onLive(b: LiveStrokeBroadcast): void {
  const t = now();
  const key = `${b.strokeId}:${b.from}`;
  let k = liveKeys.get(key);
  if (k === undefined) {
    k = liveKeyNames.length;
    liveKeys.set(key, k);
    liveKeyNames.push(key);
  }
  liveKeyOf.push(k);
  liveAt.push(t);
}

function onOp(c: CommittedOp): void {
  opAt.push(now());
  opIds.push(c.op.id);
}

function connectOne(url: string, boardId: string, key: string): Promise<Viewer> {
  const socket: Viewer = io(url, {
    ...WIRE,
    auth: { boardId, key, clientId: newId(), protocol: PROTOCOL_VERSION },
    // A viewer that drops is counted, not silently replaced: the bench should show losses.
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
  });
  socket.on('live', onLive);
  socket.on('op', onOp);
  return new Promise((resolve, reject) => {
    socket.once('welcome', () => {
      socket.on('disconnect', () => disconnects++);
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

async function connectAll(
  url: string,
  boardId: string,
  key: string,
  count: number,
): Promise<ViewerConnected> {
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  async function lane(): Promise<void> {
    while (next < count) {
      next++;
      try {
        viewers.push(await connectOne(url, boardId, key));
      } catch (err) {
        failed++;
        firstError ??= (err as Error).message;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, count) }, lane));
  const done: ViewerConnected = { type: 'connected', connected: viewers.length, failed };
  if (firstError !== undefined) done.firstError = firstError;
  return done;
}

function collect(
  liveSent: Record<string, number>,
  opSent: Record<string, number>,
  offset: number,
): ViewerResult {
  // Send times by key index; arrivals are moved to the parent's clock by the measured offset.
  const sentByIndex = liveKeyNames.map((name) => liveSent[name]);
  const live: number[] = [];
  for (let i = 0; i < liveAt.length; i++) {
    const sent = sentByIndex[liveKeyOf[i] as number];
    if (sent !== undefined) live.push((liveAt[i] as number) - offset - sent);
  }
  const ops: number[] = [];
  for (let i = 0; i < opAt.length; i++) {
    const sent = opSent[opIds[i] as string];
    if (sent !== undefined) ops.push((opAt[i] as number) - offset - sent);
  }
  return {
    type: 'result',
    liveDelivered: live.length,
    opsDelivered: ops.length,
    liveLatencies: Float64Array.from(live),
    opLatencies: Float64Array.from(ops),
    disconnects,
  };
}

function closeAll(): void {
  for (const v of viewers) {
    v.off('disconnect');
    v.close();
  }
  // Give the close frames a moment, then leave.
  setTimeout(() => process.exit(0), 200).unref();
}

process.on('message', (raw: unknown) => {
  const msg = raw as ViewerRequest;
  switch (msg.type) {
    case 'connect':
      void connectAll(msg.url, msg.boardId, msg.key, msg.count).then(reply);
      break;
    case 'clock': {
      const answer: ViewerClock = { type: 'clock', at: now() };
      reply(answer);
      break;
    }
    case 'cpu': {
      const { user, system } = process.cpuUsage();
      reply({ type: 'cpu', user, system });
      break;
    }
    case 'collect':
      reply(collect(msg.liveSent, msg.opSent, msg.offset));
      break;
    case 'close':
      closeAll();
      break;
  }
});
process.on('disconnect', closeAll);

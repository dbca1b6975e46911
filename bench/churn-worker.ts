import { WIRE } from '../shared/wire';
import { io, type Socket } from 'socket.io-client';
import { newId } from '../shared/ids';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from '../shared/protocol';
import type { ChurnRequest, ChurnStart, ChurnStats } from './messages';

/**
 * Viewers that come and go, like a hall where phones open the link, lock and reopen: each
 * lives a random 3–15 s, then leaves and another joins. Seeded, so runs are comparable.
 */
type Viewer = Socket<ServerToClientEvents, ClientToServerEvents>;

const stats: ChurnStats = {
  type: 'churn-stats',
  connected: 0,
  joins: 0,
  leaves: 0,
  connectFailures: 0,
  dropped: 0,
};
const live = new Set<Viewer>();
let stopping = false;
let seed = 1;

/** mulberry32: tiny, seeded, good enough for lifetimes. */
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function join(start: ChurnStart): void {
  if (stopping) return;
  const socket: Viewer = io(start.url, {
    ...WIRE,
    auth: { boardId: start.boardId, key: start.key, clientId: newId(), protocol: PROTOCOL_VERSION },
    reconnection: false,
    forceNew: true,
    timeout: 20_000,
  });
  let leaving = false;
  socket.once('welcome', () => {
    stats.joins++;
    live.add(socket);
    stats.connected = live.size;
    setTimeout(
      () => {
        leaving = true;
        socket.close();
      },
      3_000 + random() * 12_000,
    );
  });
  socket.on('disconnect', () => {
    live.delete(socket);
    stats.connected = live.size;
    if (leaving || stopping) stats.leaves++;
    else stats.dropped++;
    join(start);
  });
  socket.once('connect_error', (err) => {
    stats.connectFailures++;
    stats.firstError ??= err.message;
    socket.close();
    setTimeout(() => join(start), 500);
  });
}

process.on('message', (raw: unknown) => {
  const msg = raw as ChurnRequest;
  if (msg.type === 'churn') {
    seed = msg.seed;
    // Spread the first joins over two seconds rather than one storm.
    for (let i = 0; i < msg.count; i++) setTimeout(() => join(msg), (i * 2_000) / msg.count);
  } else if (msg.type === 'churn-stats') {
    process.send?.({ ...stats });
  } else if (msg.type === 'close') {
    stopping = true;
    for (const s of live) s.close();
    setTimeout(() => process.exit(0), 200).unref();
  }
});
process.on('disconnect', () => process.exit(0));

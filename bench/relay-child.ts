import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { WIRE } from '../shared/wire';
import type { ServerReady, ServerRequest, ServerStats } from './messages';

/**
 * The ceiling for `npm run bench -- compare`: a bare Socket.IO 4.8 relay on the same wire
 * (websocket, msgpack), with no storage, no validation, no limits. It speaks just enough of
 * grareco's protocol for the same recorder and viewers: a welcome, live batches passed to
 * every other socket, and ops acknowledged and passed on.
 */
const http = createServer();
const io = new Server(http, { parser: WIRE.parser, transports: WIRE.transports });
let seq = 0;
io.on('connection', (socket) => {
  socket.emit('welcome', {});
  socket.on('live', (batch: unknown) => socket.broadcast.emit('live', batch));
  socket.on('op', (op: unknown, ack: (a: unknown) => void) => {
    seq++;
    ack({ ok: true, seq });
    socket.broadcast.emit('op', { seq, at: Date.now(), actor: 'recorder', op });
  });
});
http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  const ready: ServerReady = { type: 'ready', url: `http://127.0.0.1:${port}`, adminToken: '' };
  process.send?.(ready);
});

process.on('message', (raw: unknown) => {
  const msg = raw as ServerRequest;
  if (msg.type === 'stats') {
    const cpu = process.cpuUsage();
    const stats: ServerStats = {
      type: 'stats',
      user: cpu.user,
      system: cpu.system,
      maxRssKb: process.resourceUsage().maxRSS,
      rssBytes: process.memoryUsage.rss(),
      heapAfterGcBytes: null,
    };
    process.send?.(stats);
  } else if (msg.type === 'close') process.exit(0);
});
process.on('disconnect', () => process.exit(0));

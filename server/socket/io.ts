import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { LIMITS, READ_LIMITS, WRITER_LIMITS } from '../../shared/limits';
import { WIRE } from '../../shared/wire';
import { opSchema } from '../../shared/ops';
import {
  canWrite,
  ROLES,
  liveStrokeSchema,
  syncRequestSchema,
  type ClientToServerEvents,
  type OpAck,
  type ServerToClientEvents,
  type SyncReply,
} from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import { parseWith } from '../../shared/validate';
import { audienceMeta } from '../boards/audience-meta';
import type { BoardService } from '../boards/board-service';
import type { Logger } from '../logger';
import type { PresenceTracker } from '../presence';
import { joinCluster } from '../cluster/cluster-events';
import type { InterServerEvents } from '../cluster/inter-server-events';
import type { RedisLink } from '../cluster/redis-link';
import { registerEphemeralHandlers, ViewportMemory } from './ephemeral-handlers';
import { guarded, replier } from './guarded';
import { slowRoomOf, watchSlowViewers } from './slow-viewers';
import { handshake, presenceRole, type SocketData } from './handshake';
import { cutClosedSessions, SESSION_LIMITS } from './session-closing';
import { TokenBucket } from './rate-limit';
import { AbuseCuts } from './abuse-cuts';
import { HeldRefusals } from './held-refusals';
import { clientAddress } from './client-address';
import { claimedCost, claimedPoints, opCost, WriterCosts } from './writer-cost';
import { frameBytesFor, limitFrames, limitUntrustedFrames } from './frame-limits';
import { strikeAgainst, Strikes } from './strikes';
import { KeyedBuckets } from './keyed-buckets';
import { mayQueue, watchSendBudgets } from './send-budget';
import { SERVER_PARSER } from './shared-frames';
import { sentSyncReply } from './sync-reply';
import { contentRoom, roomOf, writersOf } from './room';

export type GrarecoIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type GrarecoSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface SocketDeps {
  httpServer: HttpServer;
  boards: BoardService;
  presence: PresenceTracker;
  log: Logger;
  publicUrl?: string | undefined;
  /** Set when several nodes serve the same boards (REDIS_URL): rooms span every node. */
  cluster?: { adapter: RedisLink['adapter']; nodeId: string } | undefined;
}

/** The events each role's page sends; anything else is a strike (strikes.ts). */
const VIEWER_EVENTS: ReadonlySet<unknown> = new Set(['sync']);
const WRITER_EVENTS: ReadonlySet<unknown> = new Set(['sync', 'op', 'live', 'viewport', 'laser']);

/** Joins of a whole hall arrive in bursts: tell the room the count at most twice a second. */
const PRESENCE_INTERVAL_MS = 500;

/** No Origin (a non-browser client) is fine: keys, not origins, are what grant access. */
export function sameOrigin(
  origin: string | undefined,
  host: string | undefined,
  publicUrl?: string,
): boolean {
  if (!origin) return true;
  try {
    const o = new URL(origin);
    if (publicUrl && o.host === new URL(publicUrl).host) return true;
    return o.host === host;
  } catch {
    return false;
  }
}

export function attachSockets({
  httpServer,
  boards,
  presence,
  log,
  publicUrl,
  cluster,
}: SocketDeps): GrarecoIo {
  const abuseCuts = new AbuseCuts();
  const addressOf = (req: IncomingMessage) => clientAddress(req, Boolean(publicUrl));
  const io: GrarecoIo = new Server(httpServer, {
    ...(cluster ? { adapter: cluster.adapter } : {}),
    // Websocket only and msgpack frames (shared/wire.ts): the clients use the same.
    ...WIRE,
    // The same msgpack frames, with shared catch-up replies encoded once (shared-frames.ts).
    parser: SERVER_PARSER,
    maxHttpBufferSize: LIMITS.messageBytes,
    // Deflate costs about 10x CPU and memory per connection; payloads are small already.
    perMessageDeflate: false,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    // A session that has not completed the Socket.IO connect by then is closed (default 45 s):
    // a real client sends its CONNECT right after the websocket opens.
    connectTimeout: SESSION_LIMITS.connectTimeoutMs,
    // Browsers send Origin on websocket upgrades: refuse pages of other sites (CSWSH).
    allowRequest: (req, callback) => {
      if (!sameOrigin(req.headers.origin, req.headers.host, publicUrl)) return callback(null, false);
      abuseCuts.admit(addressOf(req), (ok) => callback(ok ? null : 'busy', ok));
    },
  });
  io.use(handshake(boards, log, { trustProxy: Boolean(publicUrl) }));
  cutClosedSessions(io);
  limitUntrustedFrames(io, (conn) => abuseCuts.record(addressOf(conn.request)));
  const stopWatching = watchSlowViewers(io);
  const stopBudgets = watchSendBudgets(io, log);
  const syncPerClient = new KeyedBuckets(READ_LIMITS.syncPerClient);
  const writerCosts = new WriterCosts();
  const viewports = new ViewportMemory(
    cluster ? (boardId, v) => io.serverSideEmit('viewport', boardId, v) : undefined,
  );
  const leaveCluster = cluster
    ? joinCluster({ io, nodeId: cluster.nodeId, boards, presence, viewports, log })
    : () => undefined;
  // Stop checking backlogs when the server closes, so a closed server leaves no timer behind.
  const close = io.close.bind(io);
  io.close = (fn) => {
    stopWatching();
    stopBudgets();
    leaveCluster();
    return close(fn);
  };

  const presenceTimers = new Map<string, NodeJS.Timeout>();
  function announcePresence(boardId: string): void {
    if (presenceTimers.has(boardId)) return;
    const timer = setTimeout(() => {
      presenceTimers.delete(boardId);
      // Each node tells its own sockets the cluster-wide count; the others hear of the change
      // from this node and tell theirs.
      io.local.to(roomOf(boardId)).emit('presence', presence.of(boardId));
      if (cluster) io.serverSideEmit('presence', cluster.nodeId, presence.local());
    }, PRESENCE_INTERVAL_MS);
    timer.unref();
    presenceTimers.set(boardId, timer);
  }

  io.on('connection', (socket: GrarecoSocket) => {
    const { boardId, role, clientId } = socket.data;
    const room = roomOf(boardId);
    void socket.join(canWrite(role) ? [room, writersOf(boardId)] : room);
    limitFrames(socket.conn, frameBytesFor(role));
    const held = new HeldRefusals(() =>
      strikeAgainst(socket, strikes, 'kept sending past its rate without waiting', log),
    );
    const strikes = new Strikes(undefined, () => {
      abuseCuts.record(addressOf(socket.request));
      held.flush();
    });
    socket.on('disconnect', () => held.clear());
    const known = canWrite(role) ? WRITER_EVENTS : VIEWER_EVENTS;
    socket.onAny((event: unknown) => {
      if (!known.has(event))
        strikeAgainst(socket, strikes, `sent an event it never sends: ${String(event).slice(0, 40)}`, log);
    });
    const audience = () => contentRoom(boardId, boards.writer.cachedMeta(boardId)?.revealed ?? true);
    presence.join(boardId, presenceRole(role));
    announcePresence(boardId);
    socket.on('disconnect', () => {
      presence.leave(boardId, presenceRole(role));
      announcePresence(boardId);
    });

    void boards.writer
      .find(boardId)
      .then((board) => {
        if (board && socket.connected) {
          // Behind the cover a viewer learns nothing of the board, not even how far it got.
          const hidden = !board.meta.revealed && !canWrite(role);
          const seq = hidden ? 0 : board.seq;
          socket.emit('welcome', {
            role,
            seq,
            meta: canWrite(role) ? board.meta : audienceMeta(board.meta),
            viewport: hidden ? null : viewports.get(boardId),
          });
        }
      })
      .catch((err: unknown) => {
        // The store failed after the handshake (a shared store asks it again). Without a welcome
        // the page would wait for ever; a disconnect from the server makes the client come back
        // and try the handshake again.
        log.error('socket', 'board lookup for the welcome failed', err);
        socket.disconnect(true);
      });

    const syncBucket = new TokenBucket(READ_LIMITS.sync.perSecond, READ_LIMITS.sync.burst);
    socket.on(
      'sync',
      guarded(
        log,
        'sync',
        async (raw: unknown, ack: unknown) => {
          const reply = replier<SyncReply>(ack);
          if (!syncBucket.take() || !syncPerClient.take(clientId))
            return held.hold(() => reply({ ok: false, reason: REJECT.rateLimited }));
          const req = parseWith(syncRequestSchema, raw);
          if (!req.ok) {
            reply({ ok: false, reason: req.reason });
            return strikeAgainst(socket, strikes, `a malformed sync (${req.reason})`, log);
          }
          let revealed = boards.writer.cachedMeta(boardId)?.revealed ?? true;
          // In a cluster the cover may have been lifted through another node a moment ago,
          // before this node's cache heard of it: ask the store before withholding the board.
          if (!revealed && !canWrite(role))
            revealed = (await boards.writer.find(boardId))?.meta.revealed ?? true;
          if (!revealed && !canWrite(role)) return reply({ ok: true, seq: 0, ops: [] });
          const sent = sentSyncReply(await boards.writer.since(boardId, req.value.since));
          // Gone while the reply was worked out, or cut now for what it has not read yet.
          if (socket.connected && mayQueue(socket, sent.bytes, log)) reply(sent.reply);
        },
        (_raw, ack) => replier<SyncReply>(ack)({ ok: false, reason: REJECT.internal }),
      ),
    );

    // A viewer's socket gets no write handlers at all: an op is answered with a refusal that
    // never reaches the board service, and live batches fall on the floor.
    if (!canWrite(role)) {
      socket.on('op', (_raw: unknown, ack: unknown) =>
        replier<OpAck>(ack)({ ok: false, reason: REJECT.forbidden }),
      );
      return;
    }

    registerEphemeralHandlers(
      socket,
      log,
      viewports,
      () => boards.writer.cachedMeta(boardId)?.revealed ?? true,
    );
    const opBucket = new TokenBucket(WRITER_LIMITS.ops.perSecond, WRITER_LIMITS.ops.burst);
    const liveBucket = new TokenBucket(WRITER_LIMITS.live.perSecond, WRITER_LIMITS.live.burst);
    const costBucket = writerCosts.socketBucket();

    socket.on(
      'op',
      guarded(
        log,
        'op',
        async (raw: unknown, ack: unknown) => {
          const reply = replier<OpAck>(ack);
          if (!opBucket.take()) return held.hold(() => reply({ ok: false, reason: REJECT.rateLimited }));
          const costKey = `${boardId}\n${role}`;
          // More points than any op may carry: no honest client sends it (it chunks first).
          const claimedAll = claimedPoints(raw);
          const oversized = claimedAll > LIMITS.pointsPerOp;
          // Past any op's cap: not a bug to forgive but a sender to cut, after its answer.
          if (oversized) strikeAgainst(socket, strikes, `an op claiming ${claimedAll} points`, log, true);
          // Out of budget for what the op claims: refused before its points are checked.
          const claimed = claimedCost(raw);
          if (!writerCosts.has(costBucket, costKey, claimed))
            return held.hold(() => reply({ ok: false, reason: REJECT.rateLimited }));
          const op = parseWith(opSchema, raw);
          if (!op.ok) {
            writerCosts.charge(costBucket, costKey, claimed);
            reply(op.detail === undefined ? { ok: false, reason: op.reason } : op);
            // One strike per op: an oversized one was counted already.
            if (!oversized) strikeAgainst(socket, strikes, `an invalid op (${op.reason})`, log);
            return;
          }
          const cost = opCost(op.value, boards.writer.cachedObjects(boardId));
          if (!writerCosts.take(costBucket, costKey, cost))
            return held.hold(() => reply({ ok: false, reason: REJECT.rateLimited }));
          const result = await boards.writer.submit(boardId, clientId, op.value, role === ROLES.organiser);
          if (!result.ok) return reply(result);
          // Broadcast the cleaned, committed op, never the raw payload.
          if (result.committed) io.to(audience()).emit('op', result.committed);
          reply({ ok: true, seq: result.seq });
        },
        (_raw, ack) => replier<OpAck>(ack)({ ok: false, reason: REJECT.internal }),
      ),
    );

    socket.on(
      'live',
      guarded(log, 'live', (raw: unknown) => {
        if (!liveBucket.take()) return;
        const batch = parseWith(liveStrokeSchema, raw);
        if (!batch.ok) {
          socket.emit('rejected', { event: 'live', reason: batch.reason });
          return;
        }
        // Not volatile: engine.io drops a volatile packet whenever the socket is mid-write,
        // which tears holes in the live stroke. A stalled viewer is cut by the ping timeout.
        socket
          .to(audience())
          .except(slowRoomOf(boardId))
          .emit('live', { ...batch.value, actor: clientId });
      }),
    );
  });

  return io;
}

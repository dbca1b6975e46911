import { WIRE } from '../../shared/wire';
import { io, type Socket } from 'socket.io-client';
import type { BoardMeta } from '../../shared/board';
import type { Laser, Viewport } from '../../shared/ephemeral';
import type { CommittedOp, Op } from '../../shared/ops';
import {
  canWrite,
  NOTICES,
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type LiveStroke,
  type LiveStrokeBroadcast,
  type OpAck,
  type Presence,
  type Role,
  type ServerToClientEvents,
  type SyncReply,
  type Welcome,
} from '../../shared/protocol';
import { isRejectReason, REJECT, type RejectReason } from '../../shared/reject-reasons';

export const CONNECTION = { online: 'online', reconnecting: 'reconnecting', offline: 'offline' } as const;
export type ConnectionState = (typeof CONNECTION)[keyof typeof CONNECTION];

/** Handshake refusals that no retry can fix: the page shows an error instead of a board. */
const FATAL: ReadonlySet<RejectReason> = new Set([
  REJECT.unknownBoard,
  REJECT.badKey,
  REJECT.protocolMismatch,
]);

/**
 * While the browser says it is offline the socket stays closed, but a try now and then
 * covers a wrong "offline" (a laptop with no Wi-Fi serving the board to itself).
 */
const OFFLINE_PROBE_MS = 10_000;

export interface LinkOptions {
  boardId: string;
  key: string;
  clientId: string;
  /** Socket.IO's URL; the page's own origin by default. */
  url?: string;
}

/** What the link hands on; everything stored or ordered is someone else's concern. */
export interface LinkEvents {
  /** A new socket was welcomed; the link reads `online` only once this has settled. */
  welcome(w: Welcome): Promise<void>;
  /** Welcomed and online: ops and sync requests may go on this socket. */
  up(): void;
  /** The socket closed: nothing sent on it will be answered any more. */
  down(): void;
  op(committed: CommittedOp): void;
  meta(m: BoardMeta): void;
  /** The server refused something this tab sent outside an ack (a live batch, a viewport). */
  rejected(reason: RejectReason): void;
}

/**
 * The socket itself: its lifecycle, whether the device is online, and the ephemeral relays
 * (live strokes, laser, viewport) that are never stored.
 *
 * The browser's offline/online events close and reopen the socket: an open websocket can
 * outlive the network (a dropped Wi-Fi leaves a half-dead TCP connection that only a ping
 * timeout ends; Chromium's offline emulation keeps it "open" and holds its frames), and the
 * recorder must see "offline" at once and get a fresh socket when it is back.
 */
export class SocketLink {
  /** Offline from the first frame when the device has no network (a reload while offline). */
  state = $state<ConnectionState>(navigator.onLine ? CONNECTION.reconnecting : CONNECTION.offline);
  presence = $state.raw<Presence>({ viewers: 0, recorders: 0 });
  role = $state<Role | null>(null);
  fatal = $state<RejectReason | null>(null);
  /** What the recorder shows (board units), for viewers in follow mode; null until known. */
  recorderViewport = $state.raw<Viewport | null>(null);

  readonly #events: LinkEvents;
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly #liveListeners = new Set<(batch: LiveStrokeBroadcast) => void>();
  readonly #laserListeners = new Set<(laser: Laser & { actor: string }) => void>();
  /** This recorder's last viewport, sent again on every new connection. */
  #myViewport: Viewport | null = null;
  #welcomed = false;
  /** Bumped on every disconnect, so a welcome that outlived its socket changes nothing. */
  #generation = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #probeTimer: ReturnType<typeof setInterval> | undefined;

  constructor(opts: LinkOptions, events: LinkEvents) {
    this.#events = events;
    const auth = {
      boardId: opts.boardId,
      key: opts.key,
      clientId: opts.clientId,
      protocol: PROTOCOL_VERSION,
    };
    const options = {
      ...WIRE,
      auth,
      autoConnect: false,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
    };
    this.#socket = opts.url ? io(opts.url, options) : io(options);
    this.#listen();
  }

  start(): void {
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    if (navigator.onLine) this.#socket.connect();
    else this.#goOffline();
  }

  close(): void {
    clearTimeout(this.#retryTimer);
    clearInterval(this.#probeTimer);
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
    this.#socket.removeAllListeners();
    this.#socket.io.removeAllListeners();
    this.#socket.disconnect();
  }

  /** Sends an op on the current socket; only meant for between `up` and `down`. */
  sendOp(op: Op, ack: (reply: OpAck) => void): void {
    this.#socket.emit('op', op, ack);
  }

  /** Asks for the committed ops after `since`; rejects when no reply came in time. */
  sync(since: number, timeoutMs: number): Promise<SyncReply> {
    return this.#socket.timeout(timeoutMs).emitWithAck('sync', { since });
  }

  /** Other recorders' strokes in progress, for the canvas to draw until they commit. */
  subscribeLive(listener: (batch: LiveStrokeBroadcast) => void): () => void {
    this.#liveListeners.add(listener);
    return () => this.#liveListeners.delete(listener);
  }

  /** Live points are worthless later: dropped rather than buffered while disconnected. */
  sendLive(batch: LiveStroke): void {
    // Not volatile: engine.io drops a volatile packet whenever the transport is mid-write,
    // which tears holes in the live stroke (see README); the batches are small.
    if (this.#welcomed && this.#socket.connected) this.#socket.emit('live', batch);
  }

  /** Other writers' laser pointers: samples since their last batch, empty when lifted. */
  subscribeLaser(listener: (laser: Laser & { actor: string }) => void): () => void {
    this.#laserListeners.add(listener);
    return () => this.#laserListeners.delete(listener);
  }

  /** The recorder's visible rectangle; the latest one goes again after a reconnect. */
  sendViewport(v: Viewport): void {
    this.#myViewport = v;
    if (this.#welcomed && this.#socket.connected) this.#socket.emit('viewport', v);
  }

  /** Laser samples are worthless later: volatile, and dropped while disconnected. */
  sendLaser(points: Laser['points']): void {
    if (this.#welcomed && this.#socket.connected) this.#socket.volatile.emit('laser', { points });
  }

  #listen(): void {
    const s = this.#socket;
    s.on('welcome', (w) => void this.#onWelcome(w));
    s.on('op', (c) => this.#events.op(c));
    s.on('live', (b) => {
      for (const l of this.#liveListeners) l(b);
    });
    s.on('presence', (p) => {
      this.presence = p;
    });
    s.on('meta', (m) => this.#events.meta(m));
    s.on('viewport', ({ x, y, w, h }) => {
      this.recorderViewport = { x, y, w, h };
    });
    s.on('laser', (l) => {
      for (const listener of this.#laserListeners) listener(l);
    });
    s.on('notice', (n) => {
      // A rotated link will never work again; a restart is retried like any drop.
      if (n.reason === NOTICES.keyRotated) this.fatal = REJECT.badKey;
    });
    s.on('rejected', (r) => this.#events.rejected(r.reason));
    s.on('connect', () => {
      clearInterval(this.#probeTimer);
      this.#probeTimer = undefined;
    });
    s.on('disconnect', (reason) => {
      this.#generation++;
      this.#welcomed = false;
      this.#events.down();
      this.state = navigator.onLine ? CONNECTION.reconnecting : CONNECTION.offline;
      // Socket.IO does not retry when the server closed the socket itself (restart, shutdown).
      if (reason === 'io server disconnect') this.#retryLater();
    });
    s.on('connect_error', (err) => {
      const reason = (err as Error & { data?: { reason?: unknown } }).data?.reason ?? err.message;
      if (isRejectReason(reason) && FATAL.has(reason)) {
        this.fatal = reason;
        this.state = CONNECTION.offline;
        s.disconnect();
        return;
      }
      if (!navigator.onLine) {
        // No network: stop Socket.IO's retries; 'online' (or the probe) tries again.
        this.#goOffline();
        return;
      }
      this.state = CONNECTION.reconnecting;
      // A middleware refusal (e.g. server shutting down) is not retried by Socket.IO itself.
      if (!s.active) this.#retryLater();
    });
    s.io.on('reconnect_failed', () => {
      this.state = CONNECTION.offline;
    });
  }

  async #onWelcome(w: Welcome): Promise<void> {
    const generation = this.#generation;
    this.role = w.role;
    if (w.viewport) this.recorderViewport = w.viewport;
    await this.#events.welcome(w);
    // The socket dropped while the snapshot loaded: its 'disconnect' already set the state,
    // and the next socket gets a welcome of its own.
    if (generation !== this.#generation) return;
    this.#welcomed = true;
    this.state = CONNECTION.online;
    if (this.#myViewport && canWrite(w.role)) this.#socket.emit('viewport', this.#myViewport);
    this.#events.up();
  }

  #retryLater(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (!this.#socket.connected && this.fatal === null && navigator.onLine) this.#socket.connect();
    }, 1_000);
  }

  readonly #onOnline = (): void => {
    clearInterval(this.#probeTimer);
    this.#probeTimer = undefined;
    if (this.#socket.connected || this.fatal !== null) return;
    this.state = CONNECTION.reconnecting;
    // Start over at once rather than after Socket.IO's backoff.
    this.#socket.disconnect();
    this.#socket.connect();
  };

  readonly #onOffline = (): void => {
    this.#goOffline();
  };

  /** Closes the socket (nothing would get through it) and waits for the network. */
  #goOffline(): void {
    clearTimeout(this.#retryTimer);
    this.state = CONNECTION.offline;
    if (this.#socket.connected || this.#socket.active) this.#socket.disconnect();
    if (this.#probeTimer === undefined && this.fatal === null) {
      this.#probeTimer = setInterval(() => {
        if (this.#socket.connected || this.#socket.active || this.fatal !== null) return;
        this.#socket.connect();
      }, OFFLINE_PROBE_MS);
    }
  }
}

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
import type { OpQueue } from '../offline/op-queue';
import type { BoardState } from '../state/board-state.svelte';
import { PACE, SendPacer } from './send-pacer';

export const CONNECTION = { online: 'online', reconnecting: 'reconnecting', offline: 'offline' } as const;
export type ConnectionState = (typeof CONNECTION)[keyof typeof CONNECTION];

export const SAVE = { saved: 'saved', pending: 'pending' } as const;
export type SaveState = (typeof SAVE)[keyof typeof SAVE];

/** Handshake refusals that no retry can fix: the page shows an error instead of a board. */
const FATAL: ReadonlySet<RejectReason> = new Set([
  REJECT.unknownBoard,
  REJECT.badKey,
  REJECT.protocolMismatch,
]);

/** A reply that never comes (server stalled) must not wedge catch-up forever. */
const SYNC_TIMEOUT_MS = 15_000;

/**
 * While the browser says it is offline the socket stays closed, but a try now and then
 * covers a wrong "offline" (a laptop with no Wi-Fi serving the board to itself).
 */
const OFFLINE_PROBE_MS = 10_000;

/**
 * Refusals that say "not now" rather than "never": the op stays queued and goes again after
 * a pause. `internal` only a few times, so one op that always breaks the server cannot hold
 * back every later op forever.
 */
const TRANSIENT: ReadonlySet<RejectReason> = new Set([REJECT.rateLimited, REJECT.internal]);
const INTERNAL_RETRIES = 4;
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000] as const;

/** An op this tab has applied and must deliver. */
interface PendingOp {
  op: Op;
  /** The device has tried to store it: from now on it may be sent. */
  kept: boolean;
  /** The device really holds it (false when storage failed or is missing). */
  stored: boolean;
  /** The connection generation it was last sent on; -1 when it must go (again). */
  sentOn: number;
  /** Transient refusals so far. */
  retries: number;
}

export interface ConnectionOptions {
  boardId: string;
  key: string;
  clientId: string;
  board: BoardState;
  /** Fetches the HTTP snapshot and loads it (with the still-pending ops replayed on top). */
  reload: () => Promise<void>;
  onRejected?: (op: Op, reason: RejectReason) => void;
  /** Every committed ack of this tab's ops; `seq` is the original one for a resent op. */
  onCommitted?: (op: Op, seq: number) => void;
  /** Where ops wait across reloads; without it they live only in this tab. */
  queue?: OpQueue;
  /** Socket.IO's URL; the page's own origin by default. */
  url?: string;
}

/**
 * The socket and everything about delivery: ops wait in order until acknowledged and are
 * resent after a drop (the server answers a repeated op id with its original seq); committed
 * ops are applied strictly in seq order, and a gap is filled by `sync`.
 *
 * With a queue, each op is stored on the device before it is first sent and forgotten only
 * once the server has answered it for good (committed or refused), so a reload or a closed
 * tab loses nothing. The browser's offline/online events close and reopen the socket: an
 * open websocket can outlive the network (a dropped Wi-Fi leaves a half-dead TCP connection
 * that only a ping timeout ends; Chromium's offline emulation keeps it "open" and holds its
 * frames), and the recorder must see "offline" at once and get a fresh socket when it is back.
 */
export class Connection {
  state = $state<ConnectionState>(CONNECTION.reconnecting);
  pendingCount = $state(0);
  /** Pending ops the device has not (or could not) store: closing the tab would lose them. */
  unkeptCount = $state(0);
  saveState = $derived<SaveState>(this.pendingCount === 0 ? SAVE.saved : SAVE.pending);
  presence = $state.raw<Presence>({ viewers: 0, recorders: 0 });
  role = $state<Role | null>(null);
  fatal = $state<RejectReason | null>(null);
  /** The latest refusal of something this tab sent; a fresh object each time, so the UI re-shows it. */
  rejection = $state.raw<{ reason: RejectReason; at: number } | null>(null);
  /** What the recorder shows (board units), for viewers in follow mode; null until known. */
  recorderViewport = $state.raw<Viewport | null>(null);

  readonly #opts: ConnectionOptions;
  readonly #liveListeners = new Set<(batch: LiveStrokeBroadcast) => void>();
  readonly #laserListeners = new Set<(laser: Laser & { actor: string }) => void>();
  /** This recorder's last viewport, sent again on every new connection. */
  #myViewport: Viewport | null = null;
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  #pending: PendingOp[] = [];
  /** Stores ops one after another, so they are sent in the order they were made. */
  #keeping: Promise<void> = Promise.resolve();
  #welcomed = false;
  readonly #buffer = new Map<number, CommittedOp>();
  #syncing = false;
  #syncAgain = false;
  /** Bumped on every disconnect so replies from an old connection are ignored. */
  #generation = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #probeTimer: ReturnType<typeof setInterval> | undefined;
  readonly #pacer = new SendPacer();
  /** Ops sent on this connection and not answered yet. */
  #inFlight = 0;
  #pumpTimer: ReturnType<typeof setTimeout> | undefined;
  /** After a "not now" refusal nothing is sent until this time (performance.now()). */
  #pausedUntil = 0;

  constructor(opts: ConnectionOptions) {
    this.#opts = opts;
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

  get pendingOps(): readonly Op[] {
    return this.#pending.map((p) => p.op);
  }

  /** Ops left on the device by an earlier page: already stored, sent first, before new ones. */
  restore(ops: readonly Op[]): void {
    const known = new Set(this.#pending.map((p) => p.op.id));
    const restored = ops
      .filter((op) => !known.has(op.id))
      .map((op) => ({ op, kept: true, stored: true, sentOn: -1, retries: 0 }));
    this.#pending = [...restored, ...this.#pending];
    this.#counted();
  }

  start(): void {
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    if (navigator.onLine) this.#socket.connect();
    else this.#goOffline();
  }

  close(): void {
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#pumpTimer);
    clearInterval(this.#probeTimer);
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
    this.#socket.removeAllListeners();
    this.#socket.io.removeAllListeners();
    this.#socket.disconnect();
  }

  /** Queues an op already applied locally; it goes out once stored, at once if the socket is up. */
  send(op: Op): void {
    const entry: PendingOp = { op, kept: false, stored: false, sentOn: -1, retries: 0 };
    this.#pending.push(entry);
    this.#counted();
    this.#keeping = this.#keeping.then(async () => {
      entry.stored = (await this.#opts.queue?.add(op)) ?? false;
      // Unstored ops still go out (drawing must never stall); only a closed tab would lose them.
      entry.kept = true;
      this.#counted();
      this.#pump();
    });
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
    s.on('welcome', (w) => this.#onWelcome(w));
    s.on('op', (c) => this.#receive(c));
    s.on('live', (b) => {
      for (const l of this.#liveListeners) l(b);
    });
    s.on('presence', (p) => {
      this.presence = p;
    });
    s.on('meta', (m: BoardMeta) => void this.#onMeta(m));
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
    s.on('rejected', (r) => {
      this.rejection = { reason: r.reason, at: Date.now() };
    });
    s.on('connect', () => {
      clearInterval(this.#probeTimer);
      this.#probeTimer = undefined;
    });
    s.on('disconnect', (reason) => {
      this.#generation++;
      this.#welcomed = false;
      this.#syncing = false;
      this.#inFlight = 0;
      clearTimeout(this.#pumpTimer);
      this.#pumpTimer = undefined;
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

  /**
   * Board meta from the server (lock, cover). A viewer gets nothing of a covered board, so
   * when the cover lifts it loads the snapshot at once rather than catching up op by op.
   */
  #onMeta(m: BoardMeta): Promise<void> | undefined {
    const board = this.#opts.board;
    const revealedNow = board.meta?.revealed === false && m.revealed;
    board.meta = m;
    return revealedNow ? this.#opts.reload() : undefined;
  }

  async #onWelcome(w: Welcome): Promise<void> {
    const board = this.#opts.board;
    this.role = w.role;
    board.role = w.role;
    if (w.viewport) this.recorderViewport = w.viewport;
    const revealing = this.#onMeta(w.meta);
    // A server that knows fewer ops than this tab lost its log (memory store restarted):
    // only its snapshot is the truth now.
    if (revealing) await revealing;
    else if (w.seq < board.seq) await this.#opts.reload();
    this.#welcomed = true;
    this.state = CONNECTION.online;
    if (this.#myViewport && canWrite(w.role)) this.#socket.emit('viewport', this.#myViewport);
    // A new socket: every pending op goes again, in order (the server skips committed ones).
    this.#pacer.reset();
    this.#pausedUntil = 0;
    this.#pump();
    this.#requestSync();
  }

  /**
   * Sends pending ops in order, as far as the pace allows. Stored ops form a prefix of the
   * queue, so stopping at the first unstored one keeps the order.
   */
  #pump(): void {
    if (!this.#welcomed || this.#pumpTimer !== undefined) return;
    const generation = this.#generation;
    for (const p of this.#pending) {
      if (!p.kept) return;
      if (p.sentOn === generation) continue;
      const wait = Math.max(this.#pausedUntil - performance.now(), this.#pacer.wait());
      if (wait > 0) {
        this.#pumpTimer = setTimeout(() => {
          this.#pumpTimer = undefined;
          this.#pump();
        }, wait);
        return;
      }
      if (this.#inFlight >= PACE.inFlight || !this.#pacer.take()) return;
      p.sentOn = generation;
      this.#inFlight++;
      this.#emitOp(p);
    }
  }

  #emitOp(entry: PendingOp): void {
    const generation = this.#generation;
    this.#socket.emit('op', entry.op, (ack: OpAck) => {
      if (generation === this.#generation) this.#inFlight--;
      // A refusal on an old connection may be stale (e.g. a restart mid-commit): resend instead.
      if (ack.ok || generation === this.#generation) this.#onAck(entry, ack);
      this.#pump();
    });
  }

  #onAck(entry: PendingOp, ack: OpAck): void {
    const op = entry.op;
    if (!ack.ok && this.#retryable(entry, ack.reason)) {
      entry.retries++;
      entry.sentOn = -1;
      const backoff = BACKOFF_MS[Math.min(entry.retries, BACKOFF_MS.length) - 1] ?? 1_000;
      this.#pausedUntil = Math.max(this.#pausedUntil, performance.now() + backoff);
      return;
    }
    if (!this.#settle(op.id)) return;
    if (ack.ok) {
      this.#opts.onCommitted?.(op, ack.seq);
      return;
    }
    this.rejection = { reason: ack.reason, at: Date.now() };
    this.#opts.onRejected?.(op, ack.reason);
  }

  #retryable(entry: PendingOp, reason: RejectReason): boolean {
    if (!TRANSIENT.has(reason) || !this.#pending.includes(entry)) return false;
    return reason === REJECT.rateLimited || entry.retries < INTERNAL_RETRIES;
  }

  /** Drops an op from the queue; false when it was already settled (ack after broadcast). */
  #settle(opId: string): boolean {
    const i = this.#pending.findIndex((p) => p.op.id === opId);
    if (i < 0) return false;
    this.#pending.splice(i, 1);
    this.#counted();
    void this.#opts.queue?.remove(opId);
    return true;
  }

  #counted(): void {
    this.pendingCount = this.#pending.length;
    let unkept = 0;
    for (const p of this.#pending) if (!p.stored) unkept++;
    this.unkeptCount = unkept;
  }

  #receive(committed: CommittedOp): void {
    const board = this.#opts.board;
    if (committed.seq <= board.seq) return;
    if (committed.seq > board.seq + 1) {
      this.#buffer.set(committed.seq, committed);
      this.#requestSync();
      return;
    }
    this.#apply(committed);
    for (let next = this.#buffer.get(board.seq + 1); next; next = this.#buffer.get(board.seq + 1)) {
      this.#buffer.delete(next.seq);
      this.#apply(next);
    }
    for (const seq of this.#buffer.keys()) if (seq <= board.seq) this.#buffer.delete(seq);
  }

  #apply(committed: CommittedOp): void {
    this.#opts.board.applyCommitted(committed);
    // The broadcast of our own op proves it committed even if its ack got lost.
    this.#settle(committed.op.id);
  }

  #requestSync(): void {
    if (!this.#welcomed) return;
    if (this.#syncing) {
      this.#syncAgain = true;
      return;
    }
    this.#syncing = true;
    this.#syncAgain = false;
    const generation = this.#generation;
    this.#socket
      .timeout(SYNC_TIMEOUT_MS)
      .emit('sync', { since: this.#opts.board.seq }, (err: Error | null, reply: SyncReply) => {
        if (generation !== this.#generation) return;
        void this.#onSyncReply(err ? null : reply).finally(() => {
          if (generation !== this.#generation) return;
          this.#syncing = false;
          if (this.#syncAgain) this.#requestSync();
        });
      });
  }

  async #onSyncReply(reply: SyncReply | null): Promise<void> {
    if (!reply) {
      this.#syncAgain = true;
      return;
    }
    if (reply.ok) {
      for (const c of reply.ops) this.#receive(c);
      return;
    }
    if (reply.reason === REJECT.snapshotRequired) {
      await this.#opts.reload();
      this.#buffer.clear();
      // Ops committed while the snapshot travelled come through one more round.
      this.#syncAgain = true;
    }
  }
}

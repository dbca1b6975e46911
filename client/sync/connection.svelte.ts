import type { BoardMeta } from '../../shared/board';
import type { Laser, Viewport } from '../../shared/ephemeral';
import type { Op } from '../../shared/ops';
import type { LiveStroke, LiveStrokeBroadcast, Presence, Role, Welcome } from '../../shared/protocol';
import { REJECT, type RejectReason } from '../../shared/reject-reasons';
import type { OpStore } from '../offline/op-store';
import type { BoardState } from '../state/board-state.svelte';
import { CatchUp } from './catch-up';
import { Outbox, type SaveState } from './outbox.svelte';
import { SocketLink, type ConnectionState } from './socket-link.svelte';

export interface ConnectionOptions {
  boardId: string;
  key: string;
  clientId: string;
  board: BoardState;
  /** Fetches the HTTP snapshot and loads it (with the still-pending ops replayed on top). */
  reload: () => Promise<void>;
  /** An op refused for good, after the outbox took it back from the board. */
  onRejected?: (op: Op, reason: RejectReason) => void;
  /** Where ops wait across reloads; without it they live only in this tab. */
  store?: OpStore;
  /** Socket.IO's URL; the page's own origin by default. */
  url?: string;
}

/**
 * One board's link to the server, composed of three parts: the socket (state, relays), the
 * outbox (this tab's ops until answered) and catch-up (committed ops in seq order). This
 * class only wires them together and forwards what the pages read.
 */
export class Connection {
  /** The latest refusal of something this tab sent; a fresh object each time, so the UI re-shows it. */
  rejection = $state.raw<{ reason: RejectReason; at: number } | null>(null);
  readonly outbox: Outbox;

  readonly #opts: ConnectionOptions;
  readonly #link: SocketLink;
  readonly #catchUp: CatchUp;

  constructor(opts: ConnectionOptions) {
    this.#opts = opts;
    this.outbox = new Outbox({
      board: opts.board,
      ...(opts.store ? { store: opts.store } : {}),
      onRejected: (op, reason) => {
        this.#rejected(reason);
        opts.onRejected?.(op, reason);
      },
      // Only a held op the recorder must hear about; a rate limit just paces the queue.
      onHeld: (reason) => {
        if (reason === REJECT.storeDamaged) this.#rejected(reason);
      },
    });
    this.#catchUp = new CatchUp({
      board: opts.board,
      reload: opts.reload,
      onApplied: (committed) => this.outbox.confirmed(committed.op.id),
    });
    const link = new SocketLink(opts, {
      welcome: (w) => this.#onWelcome(w),
      up: () => {
        this.outbox.online((op, ack) => link.sendOp(op, ack));
        this.#catchUp.online((since, ms) => link.sync(since, ms));
      },
      down: () => {
        this.outbox.offline();
        this.#catchUp.offline();
      },
      op: (committed) => this.#catchUp.receive(committed),
      meta: (m) => void this.#onMeta(m),
      rejected: (reason) => this.#rejected(reason),
    });
    this.#link = link;
  }

  get state(): ConnectionState {
    return this.#link.state;
  }

  get presence(): Presence {
    return this.#link.presence;
  }

  get role(): Role | null {
    return this.#link.role;
  }

  get fatal(): RejectReason | null {
    return this.#link.fatal;
  }

  /** Set from outside when an HTTP reload finds the link dead (bad key, deleted board). */
  set fatal(reason: RejectReason | null) {
    this.#link.fatal = reason;
  }

  get recorderViewport(): Viewport | null {
    return this.#link.recorderViewport;
  }

  get pendingCount(): number {
    return this.outbox.pendingCount;
  }

  get unkeptCount(): number {
    return this.outbox.unkeptCount;
  }

  get saveState(): SaveState {
    return this.outbox.saveState;
  }

  start(): void {
    this.#link.start();
  }

  close(): void {
    this.outbox.close();
    this.#link.close();
  }

  subscribeLive(listener: (batch: LiveStrokeBroadcast) => void): () => void {
    return this.#link.subscribeLive(listener);
  }

  sendLive(batch: LiveStroke): void {
    this.#link.sendLive(batch);
  }

  subscribeLaser(listener: (laser: Laser & { actor: string }) => void): () => void {
    return this.#link.subscribeLaser(listener);
  }

  sendViewport(v: Viewport): void {
    this.#link.sendViewport(v);
  }

  sendLaser(points: Laser['points']): void {
    this.#link.sendLaser(points);
  }

  #rejected(reason: RejectReason): void {
    this.rejection = { reason, at: Date.now() };
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
    board.role = w.role;
    const revealing = this.#onMeta(w.meta);
    // A server that knows fewer ops than this tab lost its log (memory store restarted):
    // only its snapshot is the truth now.
    if (revealing) await revealing;
    else if (w.seq < board.seq) await this.#opts.reload();
  }
}

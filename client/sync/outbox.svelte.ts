import type { BoardMeta } from '../../shared/board';
import type { BoardObject } from '../../shared/objects/board-object';
import type { Op } from '../../shared/ops';
import type { OpAck } from '../../shared/protocol';
import { REJECT, type RejectReason } from '../../shared/reject-reasons';
import type { OpStore } from '../offline/op-store';
import type { BoardState, LocalEffect } from '../state/board-state.svelte';
import { PACE, SendPacer } from './send-pacer';

export const SAVE = { saved: 'saved', pending: 'pending' } as const;
export type SaveState = (typeof SAVE)[keyof typeof SAVE];

/** Sends one op on the current socket; `ack` gets the server's answer, if one ever comes. */
export type SendOp = (op: Op, ack: (reply: OpAck) => void) => void;

/**
 * Refusals that say "not now" rather than "never": the op stays queued and goes again after
 * a pause. `internal` only a few times, so one op that always breaks the server cannot hold
 * back every later op forever.
 */
const TRANSIENT: ReadonlySet<RejectReason> = new Set([
  REJECT.rateLimited,
  REJECT.internal,
  // The server's database is damaged where this board lives: the op waits on the device
  // until the operator has restored a backup, however long that takes.
  REJECT.storeDamaged,
]);
/** Kept and retried without a limit: these say nothing about the op itself. */
const ALWAYS_RETRY: ReadonlySet<RejectReason> = new Set([REJECT.rateLimited, REJECT.storeDamaged]);
const INTERNAL_RETRIES = 4;
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000] as const;

/** An op this tab has applied and must deliver. */
interface PendingOp {
  op: Op;
  /** What it did here, and the seq of the state it was applied on; null until replayed. */
  applied: { effect: LocalEffect; baseSeq: number } | null;
  /** The device has tried to store it: from now on it may be sent. */
  kept: boolean;
  /** The device really holds it (false when storage failed or is missing). */
  stored: boolean;
  /** The connection generation it was last sent on; -1 when it must go (again). */
  sentOn: number;
  /** Transient refusals so far. */
  retries: number;
}

export interface OutboxOptions {
  /** The board the ops were applied to; a refused op is taken back from it. */
  board: BoardState;
  /** Where ops wait across reloads; without it they live only in this tab. */
  store?: OpStore;
  /** An op refused for good, after it was taken back from the board. */
  onRejected?: (op: Op, reason: RejectReason) => void;
  /** An op refused for now: it stays on the board and in the queue, and goes again later. */
  onHeld?: (reason: RejectReason) => void;
}

/**
 * This tab's ops until the server has answered them: they wait in order, go out as fast as
 * the server's limits allow, and are resent after a drop (the server answers a repeated op id
 * with its original seq).
 *
 * With a store, each op is stored on the device before it is first sent and forgotten only
 * once the server has answered it for good (committed or refused), so a reload or a closed
 * tab loses nothing.
 */
export class Outbox {
  pendingCount = $state(0);
  /** Pending ops the device has not (or could not) store: closing the tab would lose them. */
  unkeptCount = $state(0);
  saveState = $derived<SaveState>(this.pendingCount === 0 ? SAVE.saved : SAVE.pending);

  readonly #opts: OutboxOptions;
  #pending: PendingOp[] = [];
  /** Stores ops one after another, so they are sent in the order they were made. */
  #keeping: Promise<void> = Promise.resolve();
  /** The current socket's sender; null while there is none (or it is not welcomed yet). */
  #send: SendOp | null = null;
  /** Bumped on every disconnect so answers from an old connection count as stale. */
  #generation = 0;
  readonly #pacer = new SendPacer();
  /** Ops sent on this connection and not answered yet. */
  #inFlight = 0;
  #pumpTimer: ReturnType<typeof setTimeout> | undefined;
  /** After a "not now" refusal nothing is sent until this time (performance.now()). */
  #pausedUntil = 0;

  constructor(opts: OutboxOptions) {
    this.#opts = opts;
  }

  get ops(): readonly Op[] {
    return this.#pending.map((p) => p.op);
  }

  /** Ops left in the store by an earlier page: already stored, sent first, before new ones. */
  async restore(): Promise<void> {
    const ops = (await this.#opts.store?.load()) ?? [];
    const known = new Set(this.#pending.map((p) => p.op.id));
    const restored = ops
      .filter((op) => !known.has(op.id))
      .map((op) => ({ op, applied: null, kept: true, stored: true, sentOn: -1, retries: 0 }));
    this.#pending = [...restored, ...this.#pending];
    this.#counted();
  }

  /** Queues an op already applied to the board; it goes out once stored, at once if online. */
  add(op: Op, effect: LocalEffect): void {
    const entry: PendingOp = {
      op,
      applied: { effect, baseSeq: this.#opts.board.seq },
      kept: false,
      stored: false,
      sentOn: -1,
      retries: 0,
    };
    this.#pending.push(entry);
    this.#counted();
    this.#keeping = this.#keeping.then(async () => {
      entry.stored = (await this.#opts.store?.add(op)) ?? false;
      // Unstored ops still go out (drawing must never stall); only a closed tab would lose them.
      entry.kept = true;
      this.#counted();
      this.#pump();
    });
  }

  /** Loads a snapshot with the pending ops replayed on top, and remembers what each did there. */
  replayOn(snapshot: { seq: number; meta: BoardMeta; objects: readonly BoardObject[] }): void {
    const effects = this.#opts.board.load(snapshot, this.ops);
    this.#pending.forEach((p, i) => {
      const effect = effects[i];
      if (effect) p.applied = { effect, baseSeq: snapshot.seq };
    });
  }

  /** A new welcomed socket: every pending op goes again, in order (the server skips committed ones). */
  online(send: SendOp): void {
    this.#send = send;
    this.#pacer.reset();
    this.#pausedUntil = 0;
    this.#pump();
  }

  /** The socket is gone: what was sent on it goes again on the next one. */
  offline(): void {
    this.#generation++;
    this.#send = null;
    this.#inFlight = 0;
    clearTimeout(this.#pumpTimer);
    this.#pumpTimer = undefined;
  }

  /** The broadcast of one of our ops proves it committed even if its ack got lost. */
  confirmed(opId: string): void {
    this.#settle(opId);
  }

  close(): void {
    this.offline();
  }

  /**
   * Sends pending ops in order, as far as the pace allows. Stored ops form a prefix of the
   * queue, so stopping at the first unstored one keeps the order.
   */
  #pump(): void {
    const send = this.#send;
    if (!send || this.#pumpTimer !== undefined) return;
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
      this.#emit(send, p);
    }
  }

  #emit(send: SendOp, entry: PendingOp): void {
    const generation = this.#generation;
    send(entry.op, (ack) => {
      if (generation === this.#generation) this.#inFlight--;
      // A refusal on an old connection may be stale (e.g. a restart mid-commit): resend instead.
      if (ack.ok || generation === this.#generation) this.#onAck(entry, ack);
      this.#pump();
    });
  }

  #onAck(entry: PendingOp, ack: OpAck): void {
    if (!ack.ok && this.#retryable(entry, ack.reason)) {
      this.#opts.onHeld?.(ack.reason);
      entry.retries++;
      entry.sentOn = -1;
      const backoff = BACKOFF_MS[Math.min(entry.retries, BACKOFF_MS.length) - 1] ?? 1_000;
      this.#pausedUntil = Math.max(this.#pausedUntil, performance.now() + backoff);
      return;
    }
    if (!this.#settle(entry.op.id)) return;
    const { op, applied } = entry;
    if (ack.ok) {
      // A resent op whose original seq the loaded snapshot already covers was applied twice
      // here: the snapshot shows its outcome (maybe changed since by others), so take our
      // replay back.
      if (applied && ack.seq <= applied.baseSeq) this.#opts.board.revertLocal(op, applied.effect);
      return;
    }
    if (applied) this.#opts.board.revertLocal(op, applied.effect);
    this.#opts.onRejected?.(op, ack.reason);
  }

  #retryable(entry: PendingOp, reason: RejectReason): boolean {
    if (!TRANSIENT.has(reason) || !this.#pending.includes(entry)) return false;
    return ALWAYS_RETRY.has(reason) || entry.retries < INTERNAL_RETRIES;
  }

  /** Drops an op from the queue; false when it was already settled (ack after broadcast). */
  #settle(opId: string): boolean {
    const i = this.#pending.findIndex((p) => p.op.id === opId);
    if (i < 0) return false;
    this.#pending.splice(i, 1);
    this.#counted();
    void this.#opts.store?.remove(opId);
    return true;
  }

  #counted(): void {
    this.pendingCount = this.#pending.length;
    let unkept = 0;
    for (const p of this.#pending) if (!p.stored) unkept++;
    this.unkeptCount = unkept;
  }
}

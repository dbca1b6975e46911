import type { CommittedOp } from '../../shared/ops';
import type { SyncReply } from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import type { BoardState } from '../state/board-state.svelte';

/** A reply that never comes (server stalled) must not wedge catch-up forever. */
export const SYNC_TIMEOUT_MS = 15_000;

/**
 * After a refusal (`rate_limited`, or a snapshot round that did not bring the board up to
 * date, e.g. because the snapshot was refused too) the next request waits, doubling from
 * `baseMs` up to `maxMs`, with jitter so a hall refused at once does not come back at once.
 */
export const SYNC_RETRY = { baseMs: 500, maxMs: 8_000 } as const;

export function syncRetryDelay(refusals: number, random: () => number = Math.random): number {
  const ms = Math.min(SYNC_RETRY.maxMs, SYNC_RETRY.baseMs * 2 ** Math.max(0, refusals - 1));
  return ms * (0.5 + random() / 2);
}

/** Asks the current socket for the committed ops after `since`; rejects on timeout or drop. */
export type RequestSync = (since: number, timeoutMs: number) => Promise<SyncReply>;

export interface CatchUpOptions {
  board: BoardState;
  /** Fetches the HTTP snapshot and loads it (with the still-pending ops replayed on top). */
  reload: () => Promise<void>;
  /** Each committed op once it is applied, in seq order (our own ones among them). */
  onApplied: (committed: CommittedOp) => void;
}

/**
 * Committed ops reach the board strictly in seq order: one that arrives early waits in a
 * buffer, and a gap is filled by asking the server (`sync`) for what came after our seq.
 */
export class CatchUp {
  readonly #opts: CatchUpOptions;
  readonly #buffer = new Map<number, CommittedOp>();
  /** The current socket's request; null while there is none (or it is not welcomed yet). */
  #request: RequestSync | null = null;
  #syncing = false;
  #syncAgain = false;
  /** Bumped on every disconnect so replies from an old connection are ignored. */
  #generation = 0;
  /** Refused rounds in a row; an answer with ops resets it. */
  #refusals = 0;

  constructor(opts: CatchUpOptions) {
    this.#opts = opts;
  }

  /** A new welcomed socket: whatever was committed while we were away comes now. */
  online(request: RequestSync): void {
    this.#request = request;
    this.#requestSync();
  }

  offline(): void {
    this.#generation++;
    this.#request = null;
    this.#syncing = false;
  }

  receive(committed: CommittedOp): void {
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
    this.#opts.onApplied(committed);
  }

  #requestSync(): void {
    const request = this.#request;
    if (!request) return;
    if (this.#syncing) {
      this.#syncAgain = true;
      return;
    }
    this.#syncing = true;
    this.#syncAgain = false;
    void this.#sync(request, this.#generation);
  }

  async #sync(request: RequestSync, generation: number): Promise<void> {
    const reply = await request(this.#opts.board.seq, SYNC_TIMEOUT_MS).catch(() => null);
    if (generation !== this.#generation) return;
    let wait = 0;
    try {
      wait = await this.#onSyncReply(reply);
    } finally {
      if (generation === this.#generation) {
        if (this.#syncAgain && wait > 0) {
          // Still "syncing" while it waits: gaps seen meanwhile join the retry.
          setTimeout(() => {
            if (generation !== this.#generation) return;
            this.#syncing = false;
            this.#requestSync();
          }, wait);
        } else {
          this.#syncing = false;
          if (this.#syncAgain) this.#requestSync();
        }
      }
    }
  }

  /** Acts on a reply; returns how long to wait before asking again. */
  async #onSyncReply(reply: SyncReply | null): Promise<number> {
    if (!reply) {
      this.#syncAgain = true;
      return 0;
    }
    if (reply.ok) {
      this.#refusals = 0;
      for (const c of reply.ops) this.receive(c);
      return 0;
    }
    if (reply.reason === REJECT.rateLimited) {
      // The server keeps each client to its share of catch-up: ask again, later.
      this.#syncAgain = true;
      return syncRetryDelay(++this.#refusals);
    }
    if (reply.reason === REJECT.snapshotRequired) {
      await this.#opts.reload();
      this.#buffer.clear();
      // Ops committed while the snapshot travelled come through one more round; a second
      // snapshot round in a row means the reload did not land (refused, offline): back off.
      this.#syncAgain = true;
      return ++this.#refusals > 1 ? syncRetryDelay(this.#refusals - 1) : 0;
    }
    return 0;
  }
}

import type { CommittedOp } from '../../shared/ops';
import type { SyncReply } from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import type { BoardState } from '../state/board-state.svelte';

/** A reply that never comes (server stalled) must not wedge catch-up forever. */
export const SYNC_TIMEOUT_MS = 15_000;

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
    try {
      await this.#onSyncReply(reply);
    } finally {
      if (generation === this.#generation) {
        this.#syncing = false;
        if (this.#syncAgain) this.#requestSync();
      }
    }
  }

  async #onSyncReply(reply: SyncReply | null): Promise<void> {
    if (!reply) {
      this.#syncAgain = true;
      return;
    }
    if (reply.ok) {
      for (const c of reply.ops) this.receive(c);
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

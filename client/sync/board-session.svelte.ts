import { newId } from '../../shared/ids';
import type { Op } from '../../shared/ops';
import { canWrite } from '../../shared/protocol';
import { REJECT, type RejectReason } from '../../shared/reject-reasons';
import { fetchBoard, type BoardSnapshot } from '../api/board-api';
import { BoardState, type LocalEffect } from '../state/board-state.svelte';
import { UndoHistory } from '../state/history.svelte';
import { removeOps } from '../state/op-chunks';
import { Connection } from './connection.svelte';

export type OpenResult = { ok: true } | { ok: false; reason: RejectReason | 'network' };

/**
 * One open board: its state, its connection and this tab's undo history. Pages talk to this;
 * the canvas listens to `board` and hands local ops to `local()`.
 */
export class BoardSession {
  readonly clientId = newId();
  readonly board = new BoardState();
  readonly history = new UndoHistory();
  readonly connection: Connection;
  readonly #boardId: string;
  readonly #key: string;
  /** What each unacknowledged local op did, so a refusal can be taken back exactly. */
  readonly #effects = new Map<string, LocalEffect>();
  #reloading: Promise<void> | null = null;
  /** Set by the board view so the read-only test hook can map board units to pixels. */
  viewport: () => readonly number[] | null = () => null;

  constructor(boardId: string, key: string) {
    this.#boardId = boardId;
    this.#key = key;
    this.connection = new Connection({
      boardId,
      key,
      clientId: this.clientId,
      board: this.board,
      reload: () => this.reload(),
      onRejected: (op, reason) => this.#onRejected(op, reason),
    });
  }

  get canWrite(): boolean {
    const role = this.connection.role ?? this.board.role;
    return role !== null && canWrite(role);
  }

  /** Loads the snapshot over HTTP (never over the socket), then connects for the live tail. */
  async open(): Promise<OpenResult> {
    const res = await fetchBoard(this.#boardId, this.#key);
    if (!res.ok) return { ok: false, reason: res.reason };
    this.#load(res.value);
    this.connection.start();
    return { ok: true };
  }

  reload(): Promise<void> {
    this.#reloading ??= (async () => {
      try {
        const res = await fetchBoard(this.#boardId, this.#key);
        if (res.ok) this.#load(res.value);
        else if (res.reason === REJECT.badKey || res.reason === REJECT.unknownBoard) {
          this.connection.fatal = res.reason;
        }
      } finally {
        this.#reloading = null;
      }
    })();
    return this.#reloading;
  }

  /** A change made here: shown at once, remembered for undo, queued for the server. */
  local(op: Op, fromHistory = false): void {
    if (!this.canWrite) return;
    const effect = this.board.applyLocal(op);
    if (effect.added.length === 0 && effect.removed.length === 0) return;
    // Send only what really changed: removing an id that is already gone would be refused.
    const sent: Op = op.kind === 'remove' ? { ...op, ids: effect.removed.map((o) => o.id) } : op;
    if (!fromHistory) this.history.record(effect);
    this.#effects.set(sent.id, effect);
    this.connection.send(sent);
    this.#pruneEffects();
  }

  undo(): void {
    for (const op of this.history.undo(this.board)) this.local(op, true);
  }

  redo(): void {
    for (const op of this.history.redo(this.board)) this.local(op, true);
  }

  close(): void {
    this.connection.close();
  }

  #load(snapshot: BoardSnapshot): void {
    if (snapshot.role) this.board.role = snapshot.role;
    this.board.load(snapshot, this.connection.pendingOps);
  }

  #onRejected(op: Op, reason: RejectReason): void {
    const effect = this.#effects.get(op.id);
    this.#effects.delete(op.id);
    if (effect) this.board.revertLocal(op, effect);
    // Someone erased part of the same sweep first: erase what is still there.
    if (op.kind === 'remove' && reason === REJECT.unknownObject) {
      void this.reload().then(() => {
        const left = op.ids.filter((id) => this.board.has(id));
        for (const retry of removeOps(left)) this.local(retry, true);
      });
    }
  }

  /** Effects are needed only while their op is unacknowledged. */
  #pruneEffects(): void {
    if (this.#effects.size < 64) return;
    const pending = new Set(this.connection.pendingOps.map((o) => o.id));
    for (const id of this.#effects.keys()) if (!pending.has(id)) this.#effects.delete(id);
  }
}

import { newId } from '../../shared/ids';
import type { Op } from '../../shared/ops';
import { canWrite } from '../../shared/protocol';
import { REJECT, type RejectReason } from '../../shared/reject-reasons';
import { onTemplateLayer } from '../board/template-layer';
import { fetchBoard, setRevealed, type ApiResult, type BoardSnapshot } from '../api/board-api';
import { takePrefetchedBoard } from './snapshot-prefetch';
import { BoardCache } from '../offline/board-cache';
import { OpQueue } from '../offline/op-queue';
import { BoardState, isEmptyEffect, type LocalEffect } from '../state/board-state.svelte';
import { UndoHistory } from '../state/history.svelte';
import { removeOps } from '../state/op-chunks';
import { Connection } from './connection.svelte';

export type OpenResult = { ok: true } | { ok: false; reason: RejectReason | 'network' };

export interface SessionOptions {
  /**
   * Keep unsent ops and a copy of the board on this device (the recorder): ops survive a
   * reload, and the page opens from the copy when the server cannot be reached.
   */
  offline?: boolean;
}

/** The op without the ids it found gone here (the server would refuse an unknown id). */
function trimmed(op: Op, effect: LocalEffect): Op {
  switch (op.kind) {
    case 'remove':
      return { ...op, ids: effect.removed.map((o) => o.id) };
    case 'replace': {
      const added = new Set(effect.added.map((o) => o.id));
      return {
        ...op,
        ids: effect.removed.map((o) => o.id),
        objects: op.objects.filter((o) => added.has(o.id)),
      };
    }
    case 'patch': {
      const present = new Set(effect.updated.map((u) => u.before.id));
      return { ...op, patches: op.patches.filter((p) => present.has(p.id)) };
    }
    case 'reorder':
      return effect.moved ? { ...op, ids: effect.moved.ids } : op;
    case 'add':
      return op;
  }
}

/**
 * One open board: its state, its connection and this tab's undo history. Pages talk to this;
 * the canvas listens to `board` and hands local ops to `local()`.
 *
 * Offline (the recorder): ops that an earlier page left on the device are replayed on top of
 * the snapshot and sent first. The undo history is not kept across a reload: it starts empty,
 * and the replayed ops are not undoable from the new page (erase them instead).
 */
export class BoardSession {
  readonly clientId: string;
  readonly board = new BoardState();
  readonly history = new UndoHistory();
  readonly connection: Connection;
  readonly #boardId: string;
  readonly #key: string;
  readonly #cache: BoardCache | null;
  #stopCache: (() => void) | null = null;
  #reloading: Promise<void> | null = null;
  /** The snapshot request main.ts started before the page mounted (watching pages). */
  #prefetched: Promise<ApiResult<BoardSnapshot>> | null;

  constructor(boardId: string, key: string, opts: SessionOptions = {}) {
    const prefetched = takePrefetchedBoard(boardId, key);
    this.clientId = prefetched?.clientId ?? newId();
    this.#prefetched = prefetched?.result ?? null;
    this.#boardId = boardId;
    this.#key = key;
    const queue = opts.offline ? new OpQueue(boardId) : null;
    this.#cache = opts.offline ? new BoardCache(boardId, key) : null;
    this.connection = new Connection({
      boardId,
      key,
      clientId: this.clientId,
      board: this.board,
      reload: () => this.reload(),
      onRejected: (op, reason) => this.#onRejected(op, reason),
      ...(queue ? { store: queue } : {}),
    });
  }

  /** Where an image asset of this board is read, with this page's key (viewer or recorder). */
  assetUrl(assetId: string): string {
    return `/api/boards/${encodeURIComponent(this.#boardId)}/assets/${encodeURIComponent(assetId)}?key=${encodeURIComponent(this.#key)}`;
  }

  get canWrite(): boolean {
    const role = this.connection.role ?? this.board.role;
    return role !== null && canWrite(role);
  }

  /**
   * Loads the snapshot over HTTP (never over the socket), then connects for the live tail.
   * With no answer at all (offline), the recorder opens from the device's copy instead.
   */
  async open(): Promise<OpenResult> {
    const snapshot = this.#prefetched ?? fetchBoard(this.#boardId, this.#key, this.clientId);
    this.#prefetched = null;
    const [res] = await Promise.all([snapshot, this.connection.outbox.restore()]);
    this.#stopCache = this.#cache?.follow(this.board) ?? null;
    if (res.ok) {
      this.#load(res.value);
    } else {
      const copy = res.reason === 'network' ? await this.#cache?.load() : null;
      if (!copy) return { ok: false, reason: res.reason };
      this.board.role = copy.role;
      this.#loadOps(copy);
    }
    this.connection.start();
    return { ok: true };
  }

  reload(): Promise<void> {
    this.#reloading ??= (async () => {
      try {
        const res = await fetchBoard(this.#boardId, this.#key, this.clientId);
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
  /**
   * The recorder asked to draw on the template layer; it takes effect only while the organiser
   * has the template unlocked, and ends by itself when it is locked again.
   */
  templateDrawing = $state(false);

  get drawsOnTemplate(): boolean {
    return this.templateDrawing && this.board.meta?.templateLocked === false;
  }

  local(op: Op, fromHistory = false): void {
    if (!this.canWrite) return;
    if (!fromHistory && this.drawsOnTemplate) op = onTemplateLayer(op);
    const effect = this.board.applyLocal(op);
    if (isEmptyEffect(effect)) return;
    // Send only what really changed: naming an id that is already gone would be refused.
    const sent = trimmed(op, effect);
    if (!fromHistory) this.history.record(effect);
    this.connection.outbox.add(sent, effect);
  }

  /** Lifts the cover screen (or puts it back) for everyone watching; false when refused. */
  async reveal(revealed: boolean): Promise<boolean> {
    const res = await setRevealed(this.#boardId, this.#key, revealed);
    if (res.ok) this.board.meta = res.value.meta;
    return res.ok;
  }

  /** Undo and redo read the board as this tab sees it; the history outlives reconnects. */
  undo(): void {
    for (const op of this.history.undo(this.board)) this.local(op, true);
  }

  redo(): void {
    for (const op of this.history.redo(this.board)) this.local(op, true);
  }

  close(): void {
    this.#stopCache?.();
    this.connection.close();
  }

  /** Device writes not finished yet: unstored ops plus queued writes of the board copy. */
  get storing(): number {
    return this.connection.unkeptCount + (this.#cache?.writing ?? 0);
  }

  #load(snapshot: BoardSnapshot): void {
    if (snapshot.role) this.board.role = snapshot.role;
    this.#loadOps(snapshot);
  }

  /** The snapshot plus the pending ops on top (the outbox remembers what each changed). */
  #loadOps(snapshot: Omit<BoardSnapshot, 'id' | 'title'>): void {
    this.connection.outbox.replayOn(snapshot);
  }

  /** The outbox has already taken the refused op back from the board. */
  #onRejected(op: Op, reason: RejectReason): void {
    // Someone erased part of the same sweep first: erase what is still there.
    if (op.kind === 'remove' && reason === REJECT.unknownObject) {
      void this.reload().then(() => {
        const left = op.ids.filter((id) => this.board.has(id));
        for (const retry of removeOps(left)) this.local(retry, true);
      });
    }
  }
}

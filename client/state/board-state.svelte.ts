import type { BoardMeta } from '../../shared/board';
import { applyChanges, applyLeniently, type Changes } from '../../shared/board-state';
import { layerOf } from '../../shared/layers';
import type { BoardObject } from '../../shared/objects/board-object';
import type { CommittedOp, Op, ReorderTo } from '../../shared/ops';
import type { Role } from '../../shared/protocol';
import { restoreIds } from './reorder-restore';

export type BoardEvent = { kind: 'changes'; changes: Changes } | { kind: 'reset'; objects: BoardObject[] };

/**
 * The server's side only, without this tab's unconfirmed ops: a snapshot as loaded, then each
 * committed op in seq order. Enough to keep a copy of the board as the server has it.
 */
export type CommittedEvent =
  { kind: 'snapshot'; seq: number; objects: readonly BoardObject[] } | { kind: 'op'; committed: CommittedOp };

/**
 * What a local op really did: the records it added and the records it took away; for a patch,
 * each changed record before and after; for a reorder, the ids it moved and how to put them
 * back (reorder-restore.ts).
 */
export interface LocalEffect {
  added: BoardObject[];
  removed: BoardObject[];
  updated: { before: BoardObject; after: BoardObject }[];
  moved: { ids: string[]; to: ReorderTo; restore: string[] | null } | null;
}

/** Whether a local op changed anything at all (else it is not sent, nor remembered). */
export function isEmptyEffect(effect: LocalEffect): boolean {
  return (
    effect.added.length === 0 &&
    effect.removed.length === 0 &&
    effect.updated.length === 0 &&
    (effect.moved?.ids.length ?? 0) === 0
  );
}

/**
 * The board as this tab sees it: the server's state at `seq` plus this tab's unacknowledged
 * ops. Records sit in a plain Map rather than `$state.raw`, because replacing a 100k-entry map
 * on every stroke would cost O(n); the reactive fields are the small views the UI shows.
 */
export class BoardState {
  seq = $state(0);
  objectCount = $state(0);
  meta = $state.raw<BoardMeta | null>(null);
  role = $state<Role | null>(null);

  readonly #objects = new Map<string, BoardObject>();
  readonly #listeners = new Set<(event: BoardEvent) => void>();
  readonly #committedListeners = new Set<(event: CommittedEvent) => void>();
  /** Ids of ops applied here before the server numbered them; their broadcast only advances seq. */
  readonly #appliedLocally = new Set<string>();

  get(id: string): BoardObject | undefined {
    return this.#objects.get(id);
  }

  has(id: string): boolean {
    return this.#objects.has(id);
  }

  objects(): BoardObject[] {
    return [...this.#objects.values()];
  }

  /** Every record id in the board's order (paint order within a layer). */
  order(): string[] {
    return [...this.#objects.keys()];
  }

  subscribe(listener: (event: BoardEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  subscribeCommitted(listener: (event: CommittedEvent) => void): () => void {
    this.#committedListeners.add(listener);
    return () => this.#committedListeners.delete(listener);
  }

  /**
   * Replaces everything with a snapshot, then replays the ops the server has not confirmed.
   * Returns what each replayed op changed on top of the snapshot, in order: an add whose
   * records the snapshot already holds changed nothing (it is committed, or another tab's copy).
   */
  load(
    snapshot: { seq: number; meta: BoardMeta; objects: readonly BoardObject[] },
    pending: readonly Op[] = [],
  ): LocalEffect[] {
    this.#objects.clear();
    for (const o of snapshot.objects) this.#objects.set(o.id, o);
    this.#appliedLocally.clear();
    const effects = pending.map((op) => {
      const { effect } = this.#applyWithEffect(op);
      this.#appliedLocally.add(op.id);
      return effect;
    });
    this.seq = snapshot.seq;
    this.meta = snapshot.meta;
    this.objectCount = this.#objects.size;
    this.#emitCommitted({ kind: 'snapshot', seq: snapshot.seq, objects: snapshot.objects });
    this.#emit({ kind: 'reset', objects: this.objects() });
    return effects;
  }

  /** Applies this tab's own op at once (optimistic); the server's broadcast then only confirms it. */
  applyLocal(op: Op): LocalEffect {
    const { effect, changes } = this.#applyWithEffect(op);
    this.#appliedLocally.add(op.id);
    this.#changed(changes);
    return effect;
  }

  #applyWithEffect(op: Op): { effect: LocalEffect; changes: Changes } {
    const removed =
      op.kind === 'remove' || op.kind === 'replace'
        ? [...new Set(op.ids)].flatMap((id) => this.#objects.get(id) ?? [])
        : [];
    const before = new Map<string, BoardObject>();
    if (op.kind === 'patch') {
      for (const { id } of op.patches) {
        const o = this.#objects.get(id);
        if (o && !before.has(id)) before.set(id, o);
      }
    }
    const restore =
      op.kind === 'reorder'
        ? restoreIds(this.order(), op.ids, op.to, (id) => {
            const o = this.#objects.get(id);
            return o ? layerOf(o) : undefined;
          })
        : null;
    const changes = this.#applyLeniently(op);
    const updated = [...before.values()].flatMap((b) => {
      const after = this.#objects.get(b.id);
      return after ? [{ before: b, after }] : [];
    });
    const moved = changes.moved ? { ids: changes.moved.ids, to: changes.moved.to, restore } : null;
    return { effect: { added: changes.added, removed, updated, moved }, changes };
  }

  /** Applies the next committed op (the caller keeps the order); returns false for a stale one. */
  applyCommitted(committed: CommittedOp): boolean {
    if (committed.seq !== this.seq + 1) return false;
    this.seq = committed.seq;
    this.#emitCommitted({ kind: 'op', committed });
    if (this.#appliedLocally.delete(committed.op.id)) return true;
    this.#changed(this.#applyLeniently(committed.op));
    return true;
  }

  /** Takes back a local op the server refused. */
  revertLocal(op: Op, effect: LocalEffect): void {
    this.#appliedLocally.delete(op.id);
    const changes: Changes = {
      added: effect.removed.filter((o) => !this.#objects.has(o.id)),
      removed: effect.added.map((o) => o.id).filter((id) => this.#objects.has(id)),
      updated: [],
    };
    for (const id of changes.removed) this.#objects.delete(id);
    for (const o of changes.added) this.#objects.set(o.id, o);
    // A patch: its fields back, where nobody has changed them since.
    for (const { before, after } of effect.updated) {
      const current = this.#objects.get(before.id) as Record<string, unknown> | undefined;
      if (!current) continue;
      const b = before as Record<string, unknown>;
      const a = after as Record<string, unknown>;
      const next: Record<string, unknown> = { ...current };
      for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
        if (JSON.stringify(current[key]) !== JSON.stringify(a[key])) continue;
        if (key in b) next[key] = b[key];
        else delete next[key];
      }
      const record = next as unknown as BoardObject;
      this.#objects.set(record.id, record);
      changes.updated?.push(record);
    }
    // A reorder: stacked back (exactly when the restore list fits one op).
    if (effect.moved) {
      const { ids, to, restore } = effect.moved;
      const other: ReorderTo = to === 'front' ? 'back' : 'front';
      const moved = restore
        ? { ids: restore.filter((id) => this.#objects.has(id)), to }
        : { ids: ids.filter((id) => this.#objects.has(id)), to: other };
      applyChanges(this.#objects, { added: [], removed: [], moved });
      changes.moved = moved;
    }
    this.#changed(changes);
  }

  /**
   * Ops from elsewhere never fail here: an add of a record already present or a remove of one
   * already gone is skipped, so replays and optimistic ops converge on the server's state.
   */
  #applyLeniently(op: Op): Changes {
    return applyLeniently(this.#objects, op);
  }

  #changed(changes: Changes): void {
    this.objectCount = this.#objects.size;
    const any =
      changes.added.length > 0 ||
      changes.removed.length > 0 ||
      (changes.updated?.length ?? 0) > 0 ||
      (changes.moved?.ids.length ?? 0) > 0;
    if (any) this.#emit({ kind: 'changes', changes });
  }

  #emit(event: BoardEvent): void {
    for (const l of this.#listeners) l(event);
  }

  #emitCommitted(event: CommittedEvent): void {
    for (const l of this.#committedListeners) l(event);
  }
}

import { layerOf } from '../../shared/layers';
import { newId } from '../../shared/ids';
import type { BoardObject } from '../../shared/objects/board-object';
import { IDENTITY } from '../../shared/objects/placement';
import type { Op, ReorderTo } from '../../shared/ops';
import type { Layer } from '../../shared/presets';
import type { LocalEffect } from './board-state.svelte';
import { addOps, patchOps, removeOps, replaceOps } from './op-chunks';
import { recordPoints } from '../../shared/op-points';
import { restoreIds, undoReorderOp } from './reorder-restore';

/** The fields one patch changed on one record: their values before and after. */
interface FieldChange {
  id: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/**
 * One user action, as what it did: records in and out (add, remove, replace: the partial
 * eraser), fields changed (patch: move, scale, rotate, text edits), or a reorder.
 */
type Entry =
  | { kind: 'objects'; added: BoardObject[]; removed: BoardObject[] }
  | { kind: 'patch'; changes: FieldChange[] }
  | { kind: 'reorder'; ids: string[]; to: ReorderTo; restore: string[] | null };

/** What undo and redo read: the board as this tab sees it now. */
export interface ObjectLookup {
  has(id: string): boolean;
  get(id: string): BoardObject | undefined;
  /** Every record id in the board's order (paint order within a layer). */
  order(): string[];
}

/** Enough for a long session of corrections without holding the whole event twice. */
export const HISTORY_LIMIT = 500;

/** Deep equality of JSON values (record fields). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && sameValue(ra[k], rb[k]));
}

/**
 * A field's value as a patch can set it. A patch merges fields, it cannot delete one: a stroke
 * without a transform is a stroke at the identity, so that is what undoing its first move sets.
 */
function settable(record: Record<string, unknown>, key: string): unknown {
  const value = record[key];
  return value === undefined && key === 'transform' ? IDENTITY : value;
}

/** The fields that differ between two versions of a record, as patches can set them. */
function fieldChange(before: BoardObject, after: BoardObject): FieldChange | null {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) =>
      k !== 'id' &&
      k !== 'type' &&
      settable(b, k) !== undefined &&
      settable(a, k) !== undefined &&
      !sameValue(settable(b, k), settable(a, k)),
  );
  if (keys.length === 0) return null;
  return {
    id: before.id,
    before: Object.fromEntries(keys.map((k) => [k, settable(b, k)])),
    after: Object.fromEntries(keys.map((k) => [k, settable(a, k)])),
  };
}

function holds(record: BoardObject, fields: Record<string, unknown>): boolean {
  const r = record as Record<string, unknown>;
  return Object.entries(fields).every(([k, v]) => sameValue(settable(r, k), v));
}

/**
 * Undo/redo of this tab's own actions, of every op kind. It lives with the tab's session, not
 * its socket, so a reconnect (or a reload of the snapshot after one) keeps it. Undoing makes
 * new ops (fresh ids) that invert the action on what is still there; other people's ops are
 * never undone, and what they changed meanwhile is skipped:
 * - add ↔ remove: a record someone else erased is not erased again, nor brought back twice;
 * - replace (the partial eraser) ↔ replace back: the pieces out, the stroke in;
 * - patch ↔ patch of the previous values, only on records whose fields still hold what this
 *   tab set (a record someone else moved since is left where they put it);
 * - reorder ↔ the old order (see reorder-restore.ts: exact, or when the layer is very long,
 *   the moved records stacked at the other end).
 */
export class UndoHistory {
  canUndo = $state(false);
  canRedo = $state(false);

  #undo: Entry[] = [];
  #redo: Entry[] = [];

  record(effect: LocalEffect): void {
    const entry = entryOf(effect);
    if (!entry) return;
    this.#undo.push(entry);
    if (this.#undo.length > HISTORY_LIMIT) this.#undo.shift();
    this.#redo = [];
    this.#update();
  }

  undo(board: ObjectLookup): Op[] {
    return this.#step(this.#undo, this.#redo, board, true);
  }

  redo(board: ObjectLookup): Op[] {
    return this.#step(this.#redo, this.#undo, board, false);
  }

  clear(): void {
    this.#undo = [];
    this.#redo = [];
    this.#update();
  }

  #step(from: Entry[], to: Entry[], board: ObjectLookup, inverse: boolean): Op[] {
    for (let entry = from.pop(); entry; entry = from.pop()) {
      const done = apply(entry, board, inverse);
      if (!done) continue;
      to.push(done.entry);
      this.#update();
      return done.ops;
    }
    this.#update();
    return [];
  }

  #update(): void {
    this.canUndo = this.#undo.length > 0;
    this.canRedo = this.#redo.length > 0;
  }
}

function entryOf(effect: LocalEffect): Entry | null {
  if (effect.moved) {
    const { ids, to, restore } = effect.moved;
    return ids.length > 0 ? { kind: 'reorder', ids, to, restore } : null;
  }
  if (effect.updated.length > 0) {
    const changes = effect.updated.flatMap(({ before, after }) => fieldChange(before, after) ?? []);
    return changes.length > 0 ? { kind: 'patch', changes } : null;
  }
  if (effect.added.length === 0 && effect.removed.length === 0) return null;
  return { kind: 'objects', added: effect.added, removed: effect.removed };
}

/**
 * Steps over one entry (backwards when undoing): the ops, and the entry that steps back over
 * what they really change. Null when nothing of it is left to change.
 */
function apply(entry: Entry, board: ObjectLookup, inverse: boolean): { ops: Op[]; entry: Entry } | null {
  switch (entry.kind) {
    case 'objects': {
      const toRemove = inverse ? entry.added : entry.removed;
      const toAdd = inverse ? entry.removed : entry.added;
      // Taken out as they are now, so stepping back brings them back as they were.
      const gone = toRemove.flatMap((o) => board.get(o.id) ?? []);
      const back = toAdd.filter((o) => !board.has(o.id));
      if (gone.length === 0 && back.length === 0) return null;
      const ids = gone.map((o) => o.id);
      const ops: Op[] =
        gone.length > 0 && back.length > 0 ? replaceOps(ids, back) : [...removeOps(ids), ...addOps(back)];
      const next: Entry = inverse
        ? { kind: 'objects', added: gone, removed: back }
        : { kind: 'objects', added: back, removed: gone };
      return { ops, entry: next };
    }
    case 'patch': {
      const applied: FieldChange[] = [];
      for (const change of entry.changes) {
        const current = board.get(change.id);
        if (current && holds(current, inverse ? change.after : change.before)) applied.push(change);
      }
      if (applied.length === 0) return null;
      const set = (c: FieldChange): Record<string, unknown> => (inverse ? c.before : c.after);
      return {
        ops: patchOps(
          applied.map((c) => ({ id: c.id, set: set(c) })),
          (id) => {
            const o = board.get(id);
            return o ? recordPoints(o) : 0;
          },
        ),
        entry: { kind: 'patch', changes: applied },
      };
    }
    case 'reorder': {
      const order = board.order();
      const layer = (id: string): Layer | undefined => {
        const o = board.get(id);
        return o ? layerOf(o) : undefined;
      };
      if (inverse) {
        const op = undoReorderOp(entry.ids, entry.to, entry.restore, order, layer);
        if (!op) return null;
        const ids = entry.ids.filter((id) => board.has(id));
        return { ops: [op], entry: { kind: 'reorder', ids, to: entry.to, restore: null } };
      }
      const ids = entry.ids.filter((id) => board.has(id));
      if (ids.length === 0) return null;
      const restore = restoreIds(order, ids, entry.to, layer);
      return {
        ops: [{ id: newId(), kind: 'reorder', ids, to: entry.to }],
        entry: { kind: 'reorder', ids, to: entry.to, restore },
      };
    }
  }
}

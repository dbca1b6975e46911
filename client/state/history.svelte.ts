import type { BoardObject } from '../../shared/objects/board-object';
import type { Op } from '../../shared/ops';
import type { LocalEffect } from './board-state.svelte';
import { addOps, removeOps } from './op-chunks';

/** One user action: the records it added or the records it removed. */
interface Entry {
  added: BoardObject[];
  removed: BoardObject[];
}

export interface ObjectLookup {
  has(id: string): boolean;
}

/** Enough for a long session of corrections without holding the whole event twice. */
export const HISTORY_LIMIT = 500;

/**
 * Undo/redo of this tab's own actions. Undoing makes new ops (fresh ids) that invert the
 * action on what is still there: a stroke someone else has erased meanwhile is skipped.
 */
export class UndoHistory {
  canUndo = $state(false);
  canRedo = $state(false);

  #undo: Entry[] = [];
  #redo: Entry[] = [];

  record(effect: LocalEffect): void {
    if (effect.added.length === 0 && effect.removed.length === 0) return;
    this.#undo.push({ added: effect.added, removed: effect.removed });
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
      const toRemove = inverse ? entry.added : entry.removed;
      const toAdd = inverse ? entry.removed : entry.added;
      const gone = toRemove.filter((o) => board.has(o.id));
      const back = toAdd.filter((o) => !board.has(o.id));
      if (gone.length === 0 && back.length === 0) continue;
      // Only what this step really changed can be stepped over again.
      to.push(inverse ? { added: gone, removed: back } : { added: back, removed: gone });
      this.#update();
      return [...removeOps(gone.map((o) => o.id)), ...addOps(back)];
    }
    this.#update();
    return [];
  }

  #update(): void {
    this.canUndo = this.#undo.length > 0;
    this.canRedo = this.#redo.length > 0;
  }
}

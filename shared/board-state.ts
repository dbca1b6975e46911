import { LIMITS } from './limits';
import type { BoardObject } from './objects/board-object';
import type { Op } from './ops';
import { REJECT } from './reject-reasons';
import { fail, ok, type Result } from './result';

/** What an op does to the object set, once checked against it. */
export interface Changes {
  added: BoardObject[];
  removed: string[];
}

/**
 * Checks a valid op against the current objects without touching them: the server commits
 * the changes only when this says yes, and the client uses it to stay consistent.
 */
export function planOp(objects: ReadonlyMap<string, BoardObject>, op: Op): Result<Changes> {
  switch (op.kind) {
    case 'add': {
      const seen = new Set<string>();
      for (const o of op.objects) {
        if (objects.has(o.id) || seen.has(o.id)) return fail(REJECT.objectExists, o.id);
        seen.add(o.id);
      }
      if (objects.size + op.objects.length > LIMITS.objectsPerBoard) return fail(REJECT.boardFull);
      return ok({ added: op.objects, removed: [] });
    }
    case 'remove': {
      const ids = [...new Set(op.ids)];
      for (const id of ids) if (!objects.has(id)) return fail(REJECT.unknownObject, id);
      return ok({ added: [], removed: ids });
    }
  }
}

export function applyChanges(objects: Map<string, BoardObject>, changes: Changes): void {
  for (const id of changes.removed) objects.delete(id);
  for (const o of changes.added) objects.set(o.id, o);
}

import { LIMITS } from './limits';
import { OBJECT_SCHEMAS, type BoardObject } from './objects/board-object';
import { STORED_OBJECT_SCHEMAS, storedStrokeFieldsSchema } from './objects/stored';
import { carriedPoints, recordPoints } from './op-points';
import type { Op, PatchOp, ReorderTo } from './ops';
import { REJECT } from './reject-reasons';
import { fail, ok, type Result } from './result';
import { parseWith } from './validate';
import type { z } from './zod';

/** What an op does to the object set, once checked against it. */
export interface Changes {
  added: BoardObject[];
  removed: string[];
  /** Records changed in place (a patch): the whole record after the change. */
  updated?: BoardObject[];
  moved?: { ids: string[]; to: ReorderTo } | undefined;
}

/**
 * `input`: a new op from a client, held to today's write-time limits. `stored`: an op already
 * committed under the limits of its day (another node's log, an archive's), replayed with the
 * structural checks only, so a limit tightened since never refuses history.
 */
export type PlanLimits = 'input' | 'stored';

function checkNew(
  objects: ReadonlyMap<string, BoardObject>,
  gone: ReadonlySet<string>,
  added: readonly BoardObject[],
  limits: PlanLimits,
): Result<true> {
  const seen = new Set<string>();
  for (const o of added) {
    if ((objects.has(o.id) && !gone.has(o.id)) || seen.has(o.id)) return fail(REJECT.objectExists, o.id);
    seen.add(o.id);
  }
  if (limits === 'input' && objects.size - gone.size + added.length > LIMITS.objectsPerBoard)
    return fail(REJECT.boardFull);
  return ok(true);
}

function checkKnown(objects: ReadonlyMap<string, BoardObject>, ids: readonly string[]): Result<string[]> {
  const unique = [...new Set(ids)];
  for (const id of unique) if (!objects.has(id)) return fail(REJECT.unknownObject, id);
  return ok(unique);
}

/**
 * A record with a patch's values, checked against its kind's stored schema. Points the patch
 * leaves alone were checked when the record was added and are passed through unchecked:
 * re-checking them made a patch of a few bytes cost as much as re-sending every stroke.
 */
function mergePatch(current: BoardObject, values: Record<string, unknown>): Result<BoardObject> {
  if (current.type !== 'stroke' || Object.hasOwn(values, 'points'))
    return parseWith(STORED_OBJECT_SCHEMAS[current.type], { ...current, ...values });
  const merged = parseWith(storedStrokeFieldsSchema, { ...current, ...values });
  return merged.ok ? ok({ ...merged.value, points: current.points }) : merged;
}

/**
 * Applies each patch to a copy of its record. The values it sets are new input, checked
 * against the kind's write-time schema (for `input`); the record as a whole only against the
 * stored one, so moving or recolouring a record written under a looser limit still works.
 */
function planPatch(
  objects: ReadonlyMap<string, BoardObject>,
  op: PatchOp,
  limits: PlanLimits,
): Result<BoardObject[]> {
  if (limits === 'input') {
    // A patched record is stored whole again: its points count as well as those it is given.
    let points = carriedPoints(op);
    for (const id of new Set(op.patches.map((p) => p.id))) {
      const current = objects.get(id);
      if (current) points += recordPoints(current);
    }
    if (points > LIMITS.pointsPerOp) return fail(REJECT.tooManyPoints);
  }
  const working = new Map<string, BoardObject>();
  for (const { id, set } of op.patches) {
    const current = working.get(id) ?? objects.get(id);
    if (!current) return fail(REJECT.unknownObject, id);
    const schema = OBJECT_SCHEMAS[current.type];
    for (const key of Object.keys(set)) {
      if (key === 'id' || key === 'type' || !Object.hasOwn(schema.shape, key))
        return fail(REJECT.invalidPayload, key);
    }
    const values: Record<string, unknown> = { ...set };
    if (limits === 'input') {
      const fields: Record<string, z.ZodType> = schema.shape;
      for (const [key, value] of Object.entries(set)) {
        const checked = parseWith(fields[key] as z.ZodType, value);
        if (!checked.ok) return fail(checked.reason, checked.detail ? `${key}.${checked.detail}` : key);
        values[key] = checked.value;
      }
    }
    // New input: each value passed its field's write-time schema, stricter than the stored
    // one, and the record was valid before, so the merge needs no second look (and 500 of
    // them cost several milliseconds). History is checked whole, as it was never checked here.
    const merged =
      limits === 'input' ? ok({ ...current, ...values } as BoardObject) : mergePatch(current, values);
    if (!merged.ok) return merged;
    working.set(id, merged.value);
  }
  return ok([...working.values()]);
}

/**
 * Checks a valid op against the current objects without touching them: the server commits
 * the changes only when this says yes, and the client uses it to stay consistent.
 */
export function planOp(
  objects: ReadonlyMap<string, BoardObject>,
  op: Op,
  limits: PlanLimits = 'input',
): Result<Changes> {
  switch (op.kind) {
    case 'add': {
      const fresh = checkNew(objects, new Set(), op.objects, limits);
      return fresh.ok ? ok({ added: op.objects, removed: [] }) : fresh;
    }
    case 'remove': {
      const known = checkKnown(objects, op.ids);
      return known.ok ? ok({ added: [], removed: known.value }) : known;
    }
    case 'replace': {
      if (op.ids.length === 0 && op.objects.length === 0) return fail(REJECT.invalidPayload);
      const known = checkKnown(objects, op.ids);
      if (!known.ok) return known;
      const fresh = checkNew(objects, new Set(known.value), op.objects, limits);
      return fresh.ok ? ok({ added: op.objects, removed: known.value }) : fresh;
    }
    case 'patch': {
      const updated = planPatch(objects, op, limits);
      return updated.ok ? ok({ added: [], removed: [], updated: updated.value }) : updated;
    }
    case 'reorder': {
      const known = checkKnown(objects, op.ids);
      return known.ok ? ok({ added: [], removed: [], moved: { ids: known.value, to: op.to } }) : known;
    }
  }
}

/**
 * The op as it is logged and broadcast: a patch carries the cleaned values of the fields it
 * set, taken from the checked records, never the raw payload.
 */
export function cleanOp(op: Op, changes: Changes): Op {
  if (op.kind !== 'patch') return op;
  const byId = new Map((changes.updated ?? []).map((o) => [o.id, o as Record<string, unknown>]));
  return {
    ...op,
    patches: op.patches.map(({ id, set }) => {
      const record = byId.get(id) ?? {};
      return { id, set: Object.fromEntries(Object.keys(set).map((k) => [k, record[k]])) };
    }),
  };
}

/** Map order is paint order: front moves to the end, back to the start, in the given order. */
export function applyChanges(objects: Map<string, BoardObject>, changes: Changes): void {
  for (const id of changes.removed) objects.delete(id);
  for (const o of changes.added) objects.set(o.id, o);
  for (const o of changes.updated ?? []) objects.set(o.id, o);
  const moved = changes.moved;
  if (!moved) return;
  const picked = moved.ids.flatMap((id) => {
    const o = objects.get(id);
    return o ? [o] : [];
  });
  for (const o of picked) objects.delete(o.id);
  if (moved.to === 'front') {
    for (const o of picked) objects.set(o.id, o);
    return;
  }
  const rest = [...objects.values()];
  objects.clear();
  for (const o of [...picked, ...rest]) objects.set(o.id, o);
}

/**
 * Applies a committed op from elsewhere without refusing anything: an add of a record already
 * present, a remove of one already gone, a patch or reorder of a missing one are skipped, so
 * replays and optimistic copies converge on the server's state. Returns what changed.
 */
export function applyLeniently(objects: Map<string, BoardObject>, op: Op): Changes {
  const removedIds = op.kind === 'remove' || op.kind === 'replace' ? [...new Set(op.ids)] : [];
  const removed = removedIds.filter((id) => objects.has(id));
  for (const id of removed) objects.delete(id);
  const addedAll = op.kind === 'add' || op.kind === 'replace' ? op.objects : [];
  const added = addedAll.filter((o) => !objects.has(o.id));
  for (const o of added) objects.set(o.id, o);
  const updated: BoardObject[] = [];
  if (op.kind === 'patch') {
    for (const { id, set } of op.patches) {
      const current = objects.get(id);
      if (!current) continue;
      const next = { ...current, ...set, id: current.id, type: current.type } as BoardObject;
      objects.set(id, next);
      updated.push(next);
    }
  }
  let moved: Changes['moved'];
  if (op.kind === 'reorder') {
    moved = { ids: op.ids.filter((id) => objects.has(id)), to: op.to };
    applyChanges(objects, { added: [], removed: [], moved });
  }
  return { added, removed, updated, moved };
}

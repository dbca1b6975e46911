import { z } from './zod';
import { agendaItemSchema, boardMetaSchema, type BoardMeta } from './board';
import { boardStampSchema } from './board-stamps';
import { migrateRecord, MIGRATIONS, type MigrationRegistry, type RecordKind } from './migrations';
import type { BoardObject, BoardObjectType } from './objects/board-object';
import { STORED_OBJECT_SCHEMAS, storedBoardObjectSchema, storedIdSchema } from './objects/stored';
import {
  addOpSchema,
  patchOpSchema,
  patchSchema,
  removeOpSchema,
  reorderOpSchema,
  replaceOpSchema,
} from './ops';
import type { Op } from './ops';
import { colorSchema, DEFAULT_PALETTE } from './palette';
import { REJECT } from './reject-reasons';
import { fail, ok, type Result } from './result';
import { parseWith } from './validate';

/**
 * Reading records back from a store or an archive: migrate to the current version, then check
 * with the lenient stored schemas (shared/objects/stored.ts explains what is lenient). A record
 * that is not an object of a known kind is refused with a reason, never passed on.
 */

const storedIds = z.array(storedIdSchema);
const storedObjects = z.array(storedBoardObjectSchema);

/** The ops of shared/ops.ts without their per-op counts; an op still adds, removes… something. */
export const storedOpSchema = z.discriminatedUnion(
  'kind',
  [
    addOpSchema.extend({ id: storedIdSchema, objects: storedObjects.min(1) }),
    removeOpSchema.extend({ id: storedIdSchema, ids: storedIds.min(1) }),
    patchOpSchema.extend({
      id: storedIdSchema,
      patches: z.array(patchSchema.extend({ id: storedIdSchema })).min(1),
    }),
    replaceOpSchema.extend({ id: storedIdSchema, ids: storedIds, objects: storedObjects }),
    reorderOpSchema.extend({ id: storedIdSchema, ids: storedIds.min(1) }),
  ],
  { message: REJECT.invalidPayload },
);

/** A saved stamp without the per-board size budget; it still holds no image and no id twice. */
const storedBoardStampSchema = boardStampSchema.extend({
  id: storedIdSchema,
  name: z.string(),
  w: z.number().finite().positive(),
  h: z.number().finite().positive(),
  objects: storedObjects
    .min(1)
    .refine((objects) => objects.every((o) => o.type !== 'image'), { message: REJECT.unsupportedImage })
    .refine((objects) => new Set(objects.map((o) => o.id)).size === objects.length, {
      message: REJECT.objectExists,
    }),
});

/** Board meta without its text lengths, size range and list counts; defaults as written. */
export const storedMetaSchema = boardMetaSchema.extend({
  id: storedIdSchema,
  // A board has a title (lists, exports and the PDF's metadata need one); only its length is policy.
  title: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  coverText: z.string().default(''),
  startsAt: z.string().default(''),
  altText: z.string().default(''),
  palette: z
    .array(colorSchema)
    .min(1)
    .default([...DEFAULT_PALETTE]),
  date: z.string().default(''),
  agenda: z.array(agendaItemSchema.extend({ title: z.string() })).default([]),
  stamps: z.array(storedBoardStampSchema).default([]),
});

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isObjectKind(value: unknown): value is BoardObjectType {
  return typeof value === 'string' && Object.hasOwn(STORED_OBJECT_SCHEMAS, value);
}

function migrated(kind: RecordKind, raw: unknown, version: number, registry: MigrationRegistry): Result<Raw> {
  if (!isRecord(raw)) return fail(REJECT.invalidPayload, `${kind}: not an object`);
  return migrateRecord(registry, kind, raw, version);
}

/** Each object of a list through its own kind's steps; anything not a list is left to the schema. */
function migratedObjects(list: unknown, version: number, registry: MigrationRegistry): Result<unknown> {
  if (!Array.isArray(list)) return ok(list);
  const out: Raw[] = [];
  for (const [i, o] of list.entries()) {
    const kind = isRecord(o) ? o.type : undefined;
    if (!isObjectKind(kind)) return fail(REJECT.invalidPayload, `${i}.type`);
    const m = migrated(kind, o, version, registry);
    if (!m.ok) return m;
    out.push(m.value);
  }
  return ok(out);
}

/** One object row (the stores' `objects` table). */
export function readStoredObject(
  raw: unknown,
  version: number,
  registry: MigrationRegistry = MIGRATIONS,
): Result<BoardObject> {
  const kind = isRecord(raw) ? raw.type : undefined;
  if (!isObjectKind(kind)) return fail(REJECT.invalidPayload, 'type');
  const m = migrated(kind, raw, version, registry);
  return m.ok ? parseWith(storedBoardObjectSchema, m.value) : m;
}

/** One logged op, with the objects it adds. */
export function readStoredOp(
  raw: unknown,
  version: number,
  registry: MigrationRegistry = MIGRATIONS,
): Result<Op> {
  const m = migrated('op', raw, version, registry);
  if (!m.ok) return m;
  const op = m.value;
  if (op.kind === 'add' || op.kind === 'replace') {
    const objects = migratedObjects(op.objects, version, registry);
    if (!objects.ok) return fail(objects.reason, `objects.${objects.detail ?? ''}`);
    return parseWith(storedOpSchema, { ...op, objects: objects.value });
  }
  return parseWith(storedOpSchema, op);
}

/** A board's meta, with the objects of its saved stamps. */
export function readStoredMeta(
  raw: unknown,
  version: number,
  registry: MigrationRegistry = MIGRATIONS,
): Result<BoardMeta> {
  const m = migrated('meta', raw, version, registry);
  if (!m.ok) return m;
  const meta = m.value;
  if (!Array.isArray(meta.stamps)) return parseWith(storedMetaSchema, meta);
  const stamps: unknown[] = [];
  for (const [i, stamp] of meta.stamps.entries()) {
    if (!isRecord(stamp)) return fail(REJECT.invalidPayload, `stamps.${i}`);
    const objects = migratedObjects(stamp.objects, version, registry);
    if (!objects.ok) return fail(objects.reason, `stamps.${i}.objects.${objects.detail ?? ''}`);
    stamps.push({ ...stamp, objects: objects.value });
  }
  return parseWith(storedMetaSchema, { ...meta, stamps });
}

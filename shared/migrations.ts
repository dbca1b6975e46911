import { REJECT } from './reject-reasons';
import { fail, ok, type Result } from './result';

/**
 * Stored records carry the schema version they were written with (the stores' `v` column, an
 * archive's `schemaVersion`, `schemaVersion` inside a board row's meta). Reading an older
 * record runs the steps of its kind from its version up to the current one, in order, before
 * the lenient stored schemas (shared/stored-records.ts) check it.
 */
export const SCHEMA_VERSION = 1;

/** What a step can be written for: a board's meta, an op, or one object kind. */
export const RECORD_KINDS = {
  meta: 'meta',
  op: 'op',
  stroke: 'stroke',
  text: 'text',
  shape: 'shape',
  stamp: 'stamp',
  image: 'image',
} as const;
export type RecordKind = (typeof RECORD_KINDS)[keyof typeof RECORD_KINDS];

export type StoredRecord = Record<string, unknown>;

/**
 * Turns one kind's record of version `from` into version `to` (always from + 1). Versions are
 * global: a kind without a step for some version keeps its shape across it. Steps are pure.
 * Objects nested in an op (add, replace) or in a meta (stamps) get their own kind's steps after
 * the op's or meta's steps; a patch's `set` names no kind, so a step that renames or reshapes a
 * field must come with an `op` step that does the same to the patches setting it.
 */
export interface Migration {
  readonly kind: RecordKind;
  readonly from: number;
  readonly to: number;
  readonly migrate: (record: StoredRecord) => StoredRecord;
}

export interface MigrationRegistry {
  readonly version: number;
  /** Each kind's steps, sorted by `from`. */
  readonly steps: ReadonlyMap<RecordKind, readonly Migration[]>;
}

/**
 * Checks a set of steps once, when it is defined: each moves one version up to at most
 * `version`, and no kind has two steps from the same version. A broken registry fails at start,
 * not on the first old record.
 */
export function defineMigrations(version: number, steps: readonly Migration[]): MigrationRegistry {
  if (!Number.isInteger(version) || version < 1) throw new Error(`bad schema version ${String(version)}`);
  const byKind = new Map<RecordKind, Migration[]>();
  for (const step of steps) {
    const name = `${step.kind} ${step.from}→${step.to}`;
    if (!Object.hasOwn(RECORD_KINDS, step.kind)) throw new Error(`migration for unknown kind: ${name}`);
    if (!Number.isInteger(step.from) || step.from < 1 || step.to !== step.from + 1 || step.to > version)
      throw new Error(`migration ${name} must go one version up, to at most ${version}`);
    const list = byKind.get(step.kind) ?? [];
    if (list.some((s) => s.from === step.from)) throw new Error(`migration ${name} is defined twice`);
    list.push(step);
    byKind.set(step.kind, list);
  }
  for (const list of byKind.values()) list.sort((a, b) => a.from - b.from);
  return { version, steps: byKind };
}

/**
 * The real steps. None yet: version 1 is the first stored shape. A change to a stored shape
 * bumps SCHEMA_VERSION and adds its step here, e.g.
 * `{ kind: 'text', from: 1, to: 2, migrate: (r) => ({ ...r, align: 'left' }) }`.
 */
export const MIGRATIONS: MigrationRegistry = defineMigrations(SCHEMA_VERSION, []);

/** One record of `kind` written at `fromVersion`, brought up to the registry's version. */
export function migrateRecord(
  registry: MigrationRegistry,
  kind: RecordKind,
  record: StoredRecord,
  fromVersion: number,
): Result<StoredRecord> {
  if (!Number.isInteger(fromVersion) || fromVersion < 1 || fromVersion > registry.version) {
    return fail(REJECT.invalidPayload, `cannot migrate a record of schema version ${String(fromVersion)}`);
  }
  let current = record;
  for (const step of registry.steps.get(kind) ?? []) {
    if (step.from >= fromVersion) current = step.migrate(current);
  }
  return ok(current);
}

/**
 * Stored records carry the schema version they were written with; reading an older record
 * runs the numbered steps from its version up to the current one, in order.
 * Step N turns a version N-1 record into a version N record.
 */
export const SCHEMA_VERSION = 1;

type Step = (record: Record<string, unknown>) => Record<string, unknown>;

const STEPS: Readonly<Record<number, Step>> = {
  // Version 1 is the first stored shape; later steps go here as `2: (r) => ({ ...r, ... })`.
};

export function migrateRecord(record: Record<string, unknown>, fromVersion: number): Record<string, unknown> {
  if (!Number.isInteger(fromVersion) || fromVersion < 1 || fromVersion > SCHEMA_VERSION) {
    throw new Error(`cannot migrate a record of schema version ${String(fromVersion)}`);
  }
  let current = record;
  for (let v = fromVersion + 1; v <= SCHEMA_VERSION; v++) {
    const step = STEPS[v];
    if (!step) throw new Error(`missing migration step ${v}`);
    current = step(current);
  }
  return current;
}

import type { PoolClient } from 'pg';

/**
 * Numbered DDL steps, as for SQLite (sqlite-schema.ts): `grareco_schema.version` records how
 * many have run, so an older database is brought up to date on start and a newer one refused.
 * Timestamps are BIGINT milliseconds; z is BIGINT because it is seq × 1000 + index.
 */
const STEPS: readonly string[] = [
  `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     meta TEXT NOT NULL,
     seq INTEGER NOT NULL,
     created_at BIGINT NOT NULL,
     edit_key_hash TEXT NOT NULL,
     view_key_hash TEXT NOT NULL,
     edit_key_sealed TEXT NOT NULL,
     view_key_sealed TEXT NOT NULL
   );
   CREATE INDEX boards_by_created ON boards (created_at DESC, id DESC);
   CREATE TABLE ops (
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     op_id TEXT NOT NULL,
     actor TEXT NOT NULL,
     at BIGINT NOT NULL,
     v INTEGER NOT NULL,
     op TEXT NOT NULL,
     PRIMARY KEY (board_id, seq),
     UNIQUE (board_id, op_id)
   );
   CREATE TABLE objects (
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     id TEXT NOT NULL,
     z BIGINT NOT NULL,
     v INTEGER NOT NULL,
     data TEXT NOT NULL,
     PRIMARY KEY (board_id, id)
   );
   CREATE INDEX objects_by_z ON objects (board_id, z);`,
  `CREATE TABLE assets (
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     id TEXT NOT NULL,
     mime TEXT NOT NULL,
     width INTEGER NOT NULL,
     height INTEGER NOT NULL,
     created_at BIGINT NOT NULL,
     data BYTEA NOT NULL,
     PRIMARY KEY (board_id, id)
   );`,
  // Values every node of a cluster must agree on (the server secret that seals board keys,
  // the generated admin token), kept where all of them can read them.
  `CREATE TABLE settings (
     name TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
];

/** An arbitrary constant: the advisory lock that keeps two nodes starting at once from racing. */
const MIGRATION_LOCK = 0x67726172;

export const POSTGRES_SCHEMA_VERSION = STEPS.length;

/** `schema`, when given, is a checked plain identifier (postgres-store.ts) and is created here. */
export async function migratePostgres(client: PoolClient, schema?: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query('CREATE TABLE IF NOT EXISTS grareco_schema (version INTEGER NOT NULL)');
    const rows = (await client.query<{ version: number }>('SELECT version FROM grareco_schema')).rows;
    const current = rows[0]?.version ?? 0;
    if (rows.length === 0) await client.query('INSERT INTO grareco_schema (version) VALUES (0)');
    if (current > STEPS.length) {
      throw new Error(`database was written by a newer grareco (schema ${current} > ${STEPS.length})`);
    }
    for (let v = current; v < STEPS.length; v++) {
      await client.query(STEPS[v] as string);
      await client.query('UPDATE grareco_schema SET version = $1', [v + 1]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

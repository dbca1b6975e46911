import type Database from 'better-sqlite3';

/**
 * Numbered DDL steps; PRAGMA user_version records how many have run, so an older data
 * directory is brought up to date on open and a newer one is refused.
 */
const STEPS: readonly string[] = [
  `CREATE TABLE boards (
     id TEXT PRIMARY KEY,
     meta TEXT NOT NULL,
     seq INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     edit_key_hash TEXT NOT NULL,
     view_key_hash TEXT NOT NULL,
     edit_key_sealed TEXT NOT NULL,
     view_key_sealed TEXT NOT NULL
   );
   CREATE TABLE ops (
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL,
     op_id TEXT NOT NULL,
     actor TEXT NOT NULL,
     at INTEGER NOT NULL,
     v INTEGER NOT NULL,
     op TEXT NOT NULL,
     PRIMARY KEY (board_id, seq),
     UNIQUE (board_id, op_id)
   ) WITHOUT ROWID;
   CREATE TABLE objects (
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     id TEXT NOT NULL,
     z INTEGER NOT NULL,
     v INTEGER NOT NULL,
     data TEXT NOT NULL,
     PRIMARY KEY (board_id, id)
   ) WITHOUT ROWID;
   CREATE INDEX objects_by_z ON objects (board_id, z);`,
  `CREATE TABLE assets (
     board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
     id TEXT NOT NULL,
     mime TEXT NOT NULL,
     width INTEGER NOT NULL,
     height INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     data BLOB NOT NULL,
     PRIMARY KEY (board_id, id)
   ) WITHOUT ROWID;`,
  // A board being imported a chunk at a time: hidden from every read until its last step.
  `ALTER TABLE boards ADD COLUMN importing INTEGER NOT NULL DEFAULT 0;`,
];

export function migrateSchema(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > STEPS.length) {
    throw new Error(`data directory was written by a newer grareco (schema ${current} > ${STEPS.length})`);
  }
  for (let v = current; v < STEPS.length; v++) {
    db.transaction(() => {
      db.exec(STEPS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

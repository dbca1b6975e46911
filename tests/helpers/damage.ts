import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';

/** SQLite's page size as the file header says (bytes 16–17, big-endian; 1 means 65536). */
function pageSize(file: string): number {
  const header = readFileSync(file).subarray(16, 18);
  const size = header.readUInt16BE(0);
  return size === 1 ? 65_536 : size;
}

/** Overwrites one page of the file with garbage, as a failing disk or a stray write would. */
export function overwritePage(file: string, pageNo: number): void {
  const size = pageSize(file);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(size, 0x5a), 0, size, (pageNo - 1) * size);
  } finally {
    closeSync(fd);
  }
}

/**
 * A leaf page of the objects or ops table that holds only rows of `boardId` (both keep rows in
 * board_id order, so a board's rows are one run of leaves): found through dbstat on a
 * connection of the test's own.
 */
export function leafPageOf(file: string, boardId: string, table: 'objects' | 'ops' = 'objects'): number {
  const db = new Database(file, { readonly: true });
  try {
    const leaves = db
      .prepare<[], { pageno: number }>(
        `SELECT pageno FROM dbstat WHERE name = '${table}' AND pagetype = 'leaf' ORDER BY path`,
      )
      .all();
    const mine = db
      .prepare<[string], { n: number }>(`SELECT count(*) AS n FROM ${table} WHERE board_id = ?`)
      .get(boardId)?.n;
    const before = db
      .prepare<[string], { n: number }>(`SELECT count(*) AS n FROM ${table} WHERE board_id < ?`)
      .get(boardId)?.n;
    const total = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n;
    if (!mine || before === undefined || !total) throw new Error(`board ${boardId} has no objects`);
    // The leaf in the middle of the board's run of rows.
    const at = Math.floor(((before + mine / 2) / total) * leaves.length);
    const page = leaves[Math.min(at, leaves.length - 1)]?.pageno;
    if (page === undefined) throw new Error('no leaf pages');
    return page;
  } finally {
    db.close();
  }
}

/**
 * Commits a change from another connection (a table made and dropped: no board data moves).
 * In WAL mode a connection that sees the database changed by someone else drops its page
 * cache, so its next read of a damaged page comes from the disk, as it would once the page had
 * been evicted on a long-running server. A write that changes nothing would not do.
 */
export function pokeFromOutside(file: string): void {
  const db = new Database(file);
  try {
    db.exec('CREATE TABLE test_poke (x); DROP TABLE test_poke;');
  } finally {
    db.close();
  }
}

export function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

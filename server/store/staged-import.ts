import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BoardMeta } from '../../shared/board';
import { SCHEMA_VERSION } from '../../shared/migrations';
import type { BoardObject } from '../../shared/objects/board-object';
import type { CommittedOp } from '../../shared/ops';
import type { StoredAsset } from './store';

/**
 * An archive's rows, checked and written by the export process into a file of their own (one
 * SQLite file in DATA_DIR/imports), so that the serving process never holds, parses or
 * serializes a whole imported log: it copies rows from the file a chunk per turn.
 */
export interface StagedImport {
  file: string;
  ops: number;
  objects: number;
  assets: number;
}

/** A checked archive as the export process answers it: the board's meta and its staged rows. */
export interface StagedBoard {
  meta: BoardMeta;
  staged: StagedImport;
}

/**
 * Rows copied per turn of the event loop. 500 ops of a long event are ~0.4 MB: a few ms of
 * SQLite work, so a live commit between two chunks waits no longer than that.
 */
export const STAGED_CHUNK = 500;

const STAGE_SCHEMA = `
  CREATE TABLE ops (seq INTEGER PRIMARY KEY, op_id TEXT NOT NULL, actor TEXT NOT NULL,
                    at INTEGER NOT NULL, v INTEGER NOT NULL, op TEXT NOT NULL);
  CREATE TABLE objects (z INTEGER PRIMARY KEY, id TEXT NOT NULL, v INTEGER NOT NULL, data TEXT NOT NULL);
  CREATE TABLE assets (n INTEGER PRIMARY KEY, id TEXT NOT NULL, mime TEXT NOT NULL, width INTEGER NOT NULL,
                       height INTEGER NOT NULL, created_at INTEGER NOT NULL, data BLOB NOT NULL);`;

/** Writes the rows (in the export process); the file is the caller's to delete. */
export function writeStagedImport(
  file: string,
  log: readonly CommittedOp[],
  objects: readonly BoardObject[],
  assets: readonly Omit<StoredAsset, 'boardId'>[],
): StagedImport {
  rmSync(file, { force: true });
  const db = new Database(file);
  try {
    // A scratch file: if this process dies the import is refused and the file removed.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(STAGE_SCHEMA);
    const op = db.prepare('INSERT INTO ops VALUES (?, ?, ?, ?, ?, ?)');
    const object = db.prepare('INSERT INTO objects VALUES (?, ?, ?, ?)');
    const asset = db.prepare('INSERT INTO assets VALUES (?, ?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (const c of log) op.run(c.seq, c.op.id, c.actor, c.at, SCHEMA_VERSION, JSON.stringify(c.op));
      objects.forEach((o, z) => object.run(z, o.id, SCHEMA_VERSION, JSON.stringify(o)));
      assets.forEach((a, n) => asset.run(n, a.id, a.mime, a.width, a.height, a.createdAt, a.bytes));
    })();
  } finally {
    db.close();
  }
  return { file, ops: log.length, objects: objects.length, assets: assets.length };
}

/** Removes a staged file once imported or given up; a file already gone is fine. */
export function removeStagedImport(file: string): void {
  rmSync(file, { force: true });
}

/**
 * At start, removes staged files a crash left behind. Only old ones: nodes of a cluster may
 * share a DATA_DIR, and another node's import in progress (minutes at most: the export
 * process's time limit) must keep its file.
 */
export function clearStagingDir(dir: string, olderThanMs = 60 * 60_000, now = Date.now()): number {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs < olderThanMs) continue;
      rmSync(path, { force: true, recursive: true });
      removed++;
    } catch {
      // Gone meanwhile.
    }
  }
  return removed;
}

/** Lets the event loop serve what waits (sockets, requests) between two chunks of a copy. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** An op row as staged: the op still as its JSON text, with the version it was written in. */
export interface StagedOpRow {
  seq: number;
  opId: string;
  actor: string;
  at: number;
  v: number;
  op: string;
}

export interface StagedObjectRow {
  z: number;
  id: string;
  v: number;
  data: string;
}

/** One step of reading a staged import back: a chunk of ops, of objects, or one image. */
export type StagedChunk =
  | { kind: 'ops'; rows: StagedOpRow[] }
  | { kind: 'objects'; rows: StagedObjectRow[] }
  | { kind: 'asset'; asset: Omit<StoredAsset, 'boardId'> };

/**
 * The staged rows, a chunk per turn, for stores that cannot attach the file (PostgreSQL, the
 * memory store): ops in seq order, then objects in paint order, then the images.
 */
export async function* readStagedImport(staged: StagedImport): AsyncGenerator<StagedChunk> {
  const db = new Database(staged.file, { readonly: true, fileMustExist: true });
  try {
    const ops = db.prepare<[number, number], StagedOpRow>(
      'SELECT seq, op_id AS opId, actor, at, v, op FROM ops WHERE seq >= ? AND seq < ? ORDER BY seq',
    );
    const objects = db.prepare<[number, number], StagedObjectRow>(
      'SELECT z, id, v, data FROM objects WHERE z >= ? AND z < ? ORDER BY z',
    );
    const asset = db.prepare<
      [number],
      { id: string; mime: string; width: number; height: number; created_at: number; data: Buffer }
    >('SELECT id, mime, width, height, created_at, data FROM assets WHERE n = ?');
    for (let seq = 1; seq <= staged.ops; seq += STAGED_CHUNK) {
      yield { kind: 'ops', rows: ops.all(seq, seq + STAGED_CHUNK) };
      await nextTurn();
    }
    for (let z = 0; z < staged.objects; z += STAGED_CHUNK) {
      yield { kind: 'objects', rows: objects.all(z, z + STAGED_CHUNK) };
      await nextTurn();
    }
    for (let n = 0; n < staged.assets; n++) {
      const r = asset.get(n);
      if (!r) throw new Error(`staged import ${staged.file} lacks image ${n}`);
      yield {
        kind: 'asset',
        asset: {
          id: r.id,
          mime: r.mime,
          width: r.width,
          height: r.height,
          createdAt: r.created_at,
          bytes: r.data,
        },
      };
      await nextTurn();
    }
  } finally {
    db.close();
  }
}

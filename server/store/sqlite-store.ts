import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../shared/migrations';
import type { BoardObject } from '../../shared/objects/board-object';
import type { CommittedOp } from '../../shared/ops';
import { checkIntegrity } from './sqlite-integrity';
import { migrateSchema } from './sqlite-schema';
import { ownerOnly } from './owner-only';
import { createBackups, type BackupPolicy } from './sqlite-backups';
import { createSqliteImporter } from './sqlite-import';
import { StoreDamagedError, isCorruption } from './store-damaged';
import { metaJson, readObjectRow, readOpRow, toBoard, type BoardRow } from './rows';
import type { BoardStore, CommitInput, StoredAsset, StoredBoard } from './store';

interface OpRow {
  seq: number;
  actor: string;
  at: number;
  v: number;
  op: string;
}

/** PRAGMA synchronous answers a number. */
const SYNCHRONOUS_NAMES: Readonly<Record<number, string>> = { 0: 'off', 1: 'normal', 2: 'full', 3: 'extra' };

export interface SqliteStoreOptions {
  /** Online copies into DATA_DIR/backups; none when absent. */
  backups?: BackupPolicy | undefined;
  /** Told once per board (or once for the file) when its pages are found damaged at run time. */
  onDamage?: ((err: StoreDamagedError) => void) | undefined;
  /** A scheduled backup that failed for another reason (a full disk). */
  onBackupError?: ((err: unknown) => void) | undefined;
}

/** Opens the file and checks it whole; a damaged file is refused before anything is written. */
function openDatabase(file: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    // Before WAL mode creates -wal and -shm, which take the database file's mode.
    ownerOnly(file);
    db.pragma('journal_mode = WAL');
    ownerOnly(`${file}-wal`, `${file}-shm`);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    checkIntegrity(db, file);
    migrateSchema(db);
    return db;
  } catch (err) {
    db?.close();
    if (isCorruption(err)) throw new StoreDamagedError(file, (err as Error).message);
    throw err;
  }
}

/**
 * The embedded default store. WAL with synchronous=FULL: a commit is on disk (WAL fsynced)
 * before the promise resolves, so an acknowledged op survives kill -9 and power loss alike.
 */
export function createSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): BoardStore {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'grareco.sqlite');
  const db = openDatabase(file);

  /**
   * Boards whose pages SQLite found damaged while serving, and whether the file as a whole
   * was: writes there are refused from then on, reads are tried again (and fail again).
   */
  const damaged = new Set<string>();
  let fileDamaged = false;

  function noteDamage(err: unknown, boardId?: string): never {
    if (!isCorruption(err)) throw err;
    const first = boardId ? !damaged.has(boardId) : !fileDamaged;
    if (boardId) damaged.add(boardId);
    else fileDamaged = true;
    const damage = new StoreDamagedError(file, (err as Error).message, boardId);
    if (first) options.onDamage?.(damage);
    throw damage;
  }

  /** A read or write of one board; SQLITE_CORRUPT marks the board damaged. */
  function onBoard<T>(boardId: string, task: () => T): T {
    try {
      return task();
    } catch (err) {
      return noteDamage(err, boardId);
    }
  }

  /** A write: refused outright where damage was seen, so it cannot make things worse. */
  function writeBoard<T>(boardId: string, task: () => T): T {
    if (fileDamaged || damaged.has(boardId))
      throw new StoreDamagedError(file, 'writes are refused since damage was found', boardId);
    return onBoard(boardId, task);
  }

  function onFile<T>(task: () => T): T {
    try {
      return task();
    } catch (err) {
      return noteDamage(err);
    }
  }

  const backups = options.backups
    ? createBackups({
        db,
        dir: join(dataDir, 'backups'),
        policy: options.backups,
        mayCopy: () => {
          if (fileDamaged || damaged.size > 0)
            throw new StoreDamagedError(file, 'not copied: damage was found while serving');
        },
        onError: (err) => {
          if (isCorruption(err)) {
            fileDamaged = true;
            options.onDamage?.(new StoreDamagedError(file, (err as Error).message));
          } else options.onBackupError?.(err);
        },
      })
    : undefined;

  const q = {
    insertBoard: db.prepare(
      `INSERT INTO boards (id, meta, seq, created_at, edit_key_hash, view_key_hash, edit_key_sealed, view_key_sealed)
       VALUES (@id, @meta, @seq, @createdAt, @editKeyHash, @viewKeyHash, @editKeySealed, @viewKeySealed)`,
    ),
    updateBoard: db.prepare(
      `UPDATE boards SET meta = @meta, edit_key_hash = @editKeyHash, view_key_hash = @viewKeyHash,
       edit_key_sealed = @editKeySealed, view_key_sealed = @viewKeySealed WHERE id = @id`,
    ),
    getBoard: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ? AND importing = 0'),
    listBoards: db.prepare<[], BoardRow>(
      'SELECT * FROM boards WHERE importing = 0 ORDER BY created_at DESC, id DESC',
    ),
    boardSeq: db.prepare<[string], { seq: number }>('SELECT seq FROM boards WHERE id = ? AND importing = 0'),
    setSeq: db.prepare('UPDATE boards SET seq = ? WHERE id = ?'),
    insertOp: db.prepare(
      'INSERT INTO ops (board_id, seq, op_id, actor, at, v, op) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    findOp: db.prepare<[string, string], { seq: number }>(
      'SELECT seq FROM ops WHERE board_id = ? AND op_id = ?',
    ),
    opsSince: db.prepare<[string, number, number], OpRow>(
      'SELECT seq, actor, at, v, op FROM ops WHERE board_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    ),
    insertObject: db.prepare('INSERT INTO objects (board_id, id, z, v, data) VALUES (?, ?, ?, ?, ?)'),
    deleteObject: db.prepare('DELETE FROM objects WHERE board_id = ? AND id = ?'),
    updateObject: db.prepare('UPDATE objects SET v = ?, data = ? WHERE board_id = ? AND id = ?'),
    setZ: db.prepare('UPDATE objects SET z = ? WHERE board_id = ? AND id = ?'),
    minZ: db.prepare<[string], { z: number | null }>('SELECT MIN(z) AS z FROM objects WHERE board_id = ?'),
    putAsset: db.prepare(
      `INSERT OR IGNORE INTO assets (board_id, id, mime, width, height, created_at, data)
       VALUES (@boardId, @id, @mime, @width, @height, @createdAt, @bytes)`,
    ),
    getAsset: db.prepare<
      [string, string],
      { id: string; mime: string; width: number; height: number; created_at: number; data: Buffer }
    >('SELECT id, mime, width, height, created_at, data FROM assets WHERE board_id = ? AND id = ?'),
    deleteBoard: db.prepare('DELETE FROM boards WHERE id = ?'),
    listAssets: db.prepare<[string], { id: string; size: number; created_at: number }>(
      'SELECT id, length(data) AS size, created_at FROM assets WHERE board_id = ? ORDER BY created_at, id',
    ),
    deleteAsset: db.prepare('DELETE FROM assets WHERE board_id = ? AND id = ?'),
    mentionsAsset: db.prepare<[string, string], { hit: number }>(
      'SELECT 1 AS hit FROM ops WHERE board_id = ? AND instr(op, ?) > 0 LIMIT 1',
    ),
    // octet_length: UTF-8 bytes without converting the text (length() would count characters).
    logBytes: db.prepare<[string], { bytes: number | null }>(
      'SELECT SUM(octet_length(op)) AS bytes FROM ops WHERE board_id = ?',
    ),
    lastOpAt: db.prepare<[string], { at: number }>(
      'SELECT at FROM ops WHERE board_id = ? ORDER BY seq DESC LIMIT 1',
    ),
    loadObjects: db.prepare<[string], { v: number; data: string }>(
      'SELECT v, data FROM objects WHERE board_id = ? ORDER BY z',
    ),
  };

  function boardParams(b: StoredBoard) {
    return {
      id: b.meta.id,
      meta: metaJson(b.meta),
      seq: b.seq,
      createdAt: b.meta.createdAt,
      editKeyHash: b.editKeyHash,
      viewKeyHash: b.viewKeyHash,
      editKeySealed: b.editKeySealed,
      viewKeySealed: b.viewKeySealed,
    };
  }

  const commitTx = db.transaction(({ boardId, committed, changes, opJson }: CommitInput) => {
    const row = q.boardSeq.get(boardId);
    if (!row) throw new Error(`unknown board ${boardId}`);
    if (committed.seq !== row.seq + 1) throw new Error(`seq ${committed.seq} is not next`);
    q.insertOp.run(
      boardId,
      committed.seq,
      committed.op.id,
      committed.actor,
      committed.at,
      SCHEMA_VERSION,
      opJson ?? JSON.stringify(committed.op),
    );
    for (const id of changes.removed) q.deleteObject.run(boardId, id);
    // z keeps paint order: later ops on top, and objects within one op in their given order.
    changes.added.forEach((o, i) => {
      q.insertObject.run(boardId, o.id, committed.seq * 1000 + i, SCHEMA_VERSION, JSON.stringify(o));
    });
    for (const o of changes.updated ?? [])
      q.updateObject.run(SCHEMA_VERSION, JSON.stringify(o), boardId, o.id);
    const moved = changes.moved;
    if (moved) {
      // Front: above everything so far, as if just added. Back: below the lowest, in order.
      const base =
        moved.to === 'front' ? committed.seq * 1000 : (q.minZ.get(boardId)?.z ?? 0) - moved.ids.length;
      moved.ids.forEach((id, i) => q.setZ.run(base + i, boardId, id));
    }
    q.setSeq.run(committed.seq, boardId);
  });

  const importer = createSqliteImporter(db);
  // Boards a crash caught mid-import: never shown, of no use.
  onFile(() => db.prepare('DELETE FROM boards WHERE importing = 1').run());

  const deleteAssetsTx = db.transaction((boardId: string, ids: readonly string[]) => {
    for (const id of ids) q.deleteAsset.run(boardId, id);
  });

  // Read back rather than assumed: a pragma the database refused would otherwise go unseen.
  const journalMode = String(db.pragma('journal_mode', { simple: true }));
  const synchronous = Number(db.pragma('synchronous', { simple: true }));
  const durability = `journal_mode=${journalMode}, synchronous=${SYNCHRONOUS_NAMES[synchronous] ?? synchronous}`;

  return {
    kind: 'sqlite',
    durability,
    backups,
    async importBoard(board, staged) {
      const id = board.meta.id;
      await importer.importStaged(
        id,
        staged,
        () => q.insertBoard.run(boardParams(board)),
        (task) => writeBoard(id, task),
      );
      backups?.changed();
    },
    async createBoard(board) {
      onFile(() => q.insertBoard.run(boardParams(board)));
      backups?.changed();
    },
    async getBoard(id) {
      const row = onBoard(id, () => q.getBoard.get(id));
      return row ? toBoard(row) : undefined;
    },
    async listBoards() {
      return onFile(() => q.listBoards.all()).map(toBoard);
    },
    async updateBoard(board) {
      writeBoard(board.meta.id, () => q.updateBoard.run(boardParams(board)));
      backups?.changed();
    },
    async loadObjects(boardId): Promise<BoardObject[]> {
      return onBoard(boardId, () => q.loadObjects.all(boardId)).map((r) => readObjectRow(r.data, r.v));
    },
    async findOp(boardId, opId) {
      return onBoard(boardId, () => q.findOp.get(boardId, opId))?.seq;
    },
    async commit(input) {
      writeBoard(input.boardId, () => commitTx(input));
      backups?.changed();
    },
    async opsSince(boardId, since, limit): Promise<CommittedOp[]> {
      return onBoard(boardId, () => q.opsSince.all(boardId, since, limit)).map((r) => ({
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        op: readOpRow(r.op, r.v),
      }));
    },
    async deleteBoard(id) {
      // ON DELETE CASCADE takes the log, the objects and the assets with it.
      writeBoard(id, () => q.deleteBoard.run(id));
      backups?.changed();
    },
    async lastOpAt(boardId) {
      return onBoard(boardId, () => q.lastOpAt.get(boardId))?.at;
    },
    async putAsset(asset) {
      writeBoard(asset.boardId, () => q.putAsset.run(asset));
      backups?.changed();
    },
    async getAsset(boardId, id): Promise<StoredAsset | undefined> {
      const r = onBoard(boardId, () => q.getAsset.get(boardId, id));
      return r
        ? {
            boardId,
            id: r.id,
            mime: r.mime,
            width: r.width,
            height: r.height,
            createdAt: r.created_at,
            bytes: r.data,
          }
        : undefined;
    },
    async listAssets(boardId) {
      return onBoard(boardId, () => q.listAssets.all(boardId)).map((r) => ({
        id: r.id,
        size: r.size,
        createdAt: r.created_at,
      }));
    },
    async referencedAssets(boardId, ids) {
      return onBoard(boardId, () => ids.filter((id) => q.mentionsAsset.get(boardId, id) !== undefined));
    },
    async deleteAssets(boardId, ids) {
      if (ids.length === 0) return;
      writeBoard(boardId, () => deleteAssetsTx(boardId, ids));
      backups?.changed();
    },
    async logBytes(boardId) {
      return onBoard(boardId, () => q.logBytes.get(boardId))?.bytes ?? 0;
    },
    async close() {
      await backups?.stop();
      if (db.open) db.close();
    },
  };
}

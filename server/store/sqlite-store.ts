import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../shared/migrations';
import { boardObjectSchema, type BoardObject } from '../../shared/objects/board-object';
import { opSchema, type CommittedOp } from '../../shared/ops';
import { migrateSchema } from './sqlite-schema';
import { readRecord, toBoard, type BoardRow } from './rows';
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

/**
 * The embedded default store. WAL with synchronous=FULL: a commit is on disk (WAL fsynced)
 * before the promise resolves, so an acknowledged op survives kill -9 and power loss alike.
 */
export function createSqliteStore(dataDir: string): BoardStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'grareco.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrateSchema(db);

  const q = {
    insertBoard: db.prepare(
      `INSERT INTO boards (id, meta, seq, created_at, edit_key_hash, view_key_hash, edit_key_sealed, view_key_sealed)
       VALUES (@id, @meta, @seq, @createdAt, @editKeyHash, @viewKeyHash, @editKeySealed, @viewKeySealed)`,
    ),
    updateBoard: db.prepare(
      `UPDATE boards SET meta = @meta, edit_key_hash = @editKeyHash, view_key_hash = @viewKeyHash,
       edit_key_sealed = @editKeySealed, view_key_sealed = @viewKeySealed WHERE id = @id`,
    ),
    getBoard: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
    listBoards: db.prepare<[], BoardRow>('SELECT * FROM boards ORDER BY created_at DESC, id DESC'),
    boardSeq: db.prepare<[string], { seq: number }>('SELECT seq FROM boards WHERE id = ?'),
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
      meta: JSON.stringify(b.meta),
      seq: b.seq,
      createdAt: b.meta.createdAt,
      editKeyHash: b.editKeyHash,
      viewKeyHash: b.viewKeyHash,
      editKeySealed: b.editKeySealed,
      viewKeySealed: b.viewKeySealed,
    };
  }

  const commitTx = db.transaction(({ boardId, committed, changes }: CommitInput) => {
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
      JSON.stringify(committed.op),
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

  const importTx = db.transaction(
    (board: StoredBoard, log: CommittedOp[], objects: BoardObject[], assets: StoredAsset[]) => {
      q.insertBoard.run(boardParams(board));
      const id = board.meta.id;
      for (const c of log) {
        q.insertOp.run(id, c.seq, c.op.id, c.actor, c.at, SCHEMA_VERSION, JSON.stringify(c.op));
      }
      objects.forEach((o, i) => q.insertObject.run(id, o.id, i, SCHEMA_VERSION, JSON.stringify(o)));
      for (const a of assets) q.putAsset.run({ ...a, boardId: id });
    },
  );

  // Read back rather than assumed: a pragma the database refused would otherwise go unseen.
  const journalMode = String(db.pragma('journal_mode', { simple: true }));
  const synchronous = Number(db.pragma('synchronous', { simple: true }));
  const durability = `journal_mode=${journalMode}, synchronous=${SYNCHRONOUS_NAMES[synchronous] ?? synchronous}`;

  return {
    kind: 'sqlite',
    durability,
    async importBoard(board, log, objects, assets) {
      importTx(board, log, objects, assets);
    },
    async createBoard(board) {
      q.insertBoard.run(boardParams(board));
    },
    async getBoard(id) {
      const row = q.getBoard.get(id);
      return row ? toBoard(row) : undefined;
    },
    async listBoards() {
      return q.listBoards.all().map(toBoard);
    },
    async updateBoard(board) {
      q.updateBoard.run(boardParams(board));
    },
    async loadObjects(boardId): Promise<BoardObject[]> {
      return q.loadObjects
        .all(boardId)
        .map((r) => readRecord(r.data, r.v, (v) => boardObjectSchema.parse(v)));
    },
    async findOp(boardId, opId) {
      return q.findOp.get(boardId, opId)?.seq;
    },
    async commit(input) {
      commitTx(input);
    },
    async opsSince(boardId, since, limit): Promise<CommittedOp[]> {
      return q.opsSince.all(boardId, since, limit).map((r) => ({
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        op: readRecord(r.op, r.v, (v) => opSchema.parse(v)),
      }));
    },
    async deleteBoard(id) {
      // ON DELETE CASCADE takes the log, the objects and the assets with it.
      q.deleteBoard.run(id);
    },
    async lastOpAt(boardId) {
      return q.lastOpAt.get(boardId)?.at;
    },
    async putAsset(asset) {
      q.putAsset.run(asset);
    },
    async getAsset(boardId, id): Promise<StoredAsset | undefined> {
      const r = q.getAsset.get(boardId, id);
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
    async close() {
      if (db.open) db.close();
    },
  };
}

import type Database from 'better-sqlite3';
import { STAGED_CHUNK, nextTurn, type StagedImport } from './staged-import';

/**
 * Copies a staged import into the store a chunk per turn: the rows move inside SQLite (no
 * JSON parsed or written here), each chunk its own short transaction, so live commits of
 * other boards go on between two chunks instead of waiting for the whole log. The board row
 * is written first with `importing = 1` (every read of boards skips it) and is cleared by the
 * last step, so the board appears whole or not at all; a crash in between leaves a marked
 * row that the next start deletes.
 */
export function createSqliteImporter(db: Database.Database) {
  const q = {
    mark: db.prepare('UPDATE boards SET importing = 1 WHERE id = ?'),
    done: db.prepare('UPDATE boards SET importing = 0 WHERE id = ?'),
    drop: db.prepare('DELETE FROM boards WHERE id = ?'),
    attach: db.prepare('ATTACH DATABASE ? AS staged'),
  };
  /** One file attached at a time: imports wait for each other (they are rare and admin-only). */
  let turn: Promise<unknown> = Promise.resolve();

  async function copy(
    boardId: string,
    staged: StagedImport,
    insertBoard: () => void,
    write: <T>(task: () => T) => T,
  ): Promise<void> {
    write(
      db.transaction(() => {
        insertBoard();
        q.mark.run(boardId);
      }),
    );
    try {
      q.attach.run(staged.file);
      try {
        const ops = db.prepare(
          `INSERT INTO main.ops (board_id, seq, op_id, actor, at, v, op)
           SELECT ?, seq, op_id, actor, at, v, op FROM staged.ops WHERE seq >= ? AND seq < ? ORDER BY seq`,
        );
        const objects = db.prepare(
          `INSERT INTO main.objects (board_id, id, z, v, data)
           SELECT ?, id, z, v, data FROM staged.objects WHERE z >= ? AND z < ? ORDER BY z`,
        );
        const asset = db.prepare(
          `INSERT OR IGNORE INTO main.assets (board_id, id, mime, width, height, created_at, data)
           SELECT ?, id, mime, width, height, created_at, data FROM staged.assets WHERE n = ?`,
        );
        for (let seq = 1; seq <= staged.ops; seq += STAGED_CHUNK) {
          write(() => ops.run(boardId, seq, seq + STAGED_CHUNK));
          await nextTurn();
        }
        for (let z = 0; z < staged.objects; z += STAGED_CHUNK) {
          write(() => objects.run(boardId, z, z + STAGED_CHUNK));
          await nextTurn();
        }
        // An image may be megabytes: one a turn.
        for (let n = 0; n < staged.assets; n++) {
          write(() => asset.run(boardId, n));
          await nextTurn();
        }
      } finally {
        db.exec('DETACH DATABASE staged');
      }
      write(() => q.done.run(boardId));
    } catch (err) {
      try {
        write(() => q.drop.run(boardId));
      } catch {
        // The board stays marked and the next start removes it.
      }
      throw err;
    }
  }

  return {
    importStaged(
      boardId: string,
      staged: StagedImport,
      insertBoard: () => void,
      write: <T>(task: () => T) => T,
    ): Promise<void> {
      const run = turn.then(() => copy(boardId, staged, insertBoard, write));
      turn = run.catch(() => undefined);
      return run;
    },
  };
}

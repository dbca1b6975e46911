import pg from 'pg';
import { SCHEMA_VERSION } from '../../shared/migrations';
import type { BoardObject } from '../../shared/objects/board-object';
import type { CommittedOp } from '../../shared/ops';
import { migratePostgres } from './postgres-schema';
import { readStagedImport } from './staged-import';
import { StaleSeqError } from './stale-seq';
import { metaJson, readObjectRow, readOpRow, toBoard, type BoardRow } from './rows';
import type { BoardStore, CommitInput, StoredAsset, StoredBoard } from './store';

interface OpRow {
  seq: number;
  actor: string;
  at: string;
  v: number;
  op: string;
}

/** What PostgreSQL answers for a unique violation. */
const UNIQUE_VIOLATION = '23505';

export interface PostgresStoreOptions {
  /** `postgres://user:pass@host:port/db` (DATABASE_URL). */
  url: string;
  /** A schema of its own (created if missing): lets tests and several installs share a database. */
  schema?: string;
  /** Connections in the pool; each node holds at most this many. */
  poolSize?: number;
  onError?: (err: unknown) => void;
}

/** The PostgreSQL store plus the settings every node of a cluster must share. */
export interface PostgresStore extends BoardStore {
  /** The stored value of a setting, or `make()`'s, stored by whichever node asked first. */
  setting(name: string, make: () => string): Promise<string>;
}

function boardParams(b: StoredBoard): unknown[] {
  return [
    b.meta.id,
    metaJson(b.meta),
    b.seq,
    b.meta.createdAt,
    b.editKeyHash,
    b.viewKeyHash,
    b.editKeySealed,
    b.viewKeySealed,
  ];
}

const INSERT_BOARD = `INSERT INTO boards (id, meta, seq, created_at, edit_key_hash, view_key_hash,
  edit_key_sealed, view_key_sealed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
const INSERT_OBJECTS = `INSERT INTO objects (board_id, id, z, v, data)
  SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::int[], $5::text[])`;
const INSERT_OPS = `INSERT INTO ops (board_id, seq, op_id, actor, at, v, op)
  SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::bigint[], $6::int[], $7::text[])`;

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === UNIQUE_VIOLATION;
}

/** A schema name is put into SQL text, so only a plain identifier is accepted. */
function checkedSchema(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad PostgreSQL schema name: ${name}`);
  return name;
}

/**
 * Boards in PostgreSQL, for several grareco processes sharing one database. A commit first
 * advances the board's seq with `UPDATE … WHERE seq = next - 1`, which locks the row until the
 * commit ends, so commits to one board are serialised across processes;
 * one whose seq is not next is refused with StaleSeqError and changes nothing. With the server's
 * default synchronous_commit a commit is in the WAL on disk before the promise resolves, so an
 * acknowledged op survives a crash of either side.
 */
export async function createPostgresStore(opts: PostgresStoreOptions): Promise<PostgresStore> {
  const schema = opts.schema === undefined ? undefined : checkedSchema(opts.schema);
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection that dies (the database restarted) must not take the process down.
  pool.on('error', (err) => opts.onError?.(err));
  const setup = await pool.connect();
  try {
    await migratePostgres(setup, schema);
  } catch (err) {
    setup.release();
    await pool.end();
    throw err;
  }
  setup.release();

  async function tx<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const result = await work(c);
      await c.query('COMMIT');
      return result;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  async function insertObjects(
    c: pg.PoolClient,
    boardId: string,
    objects: BoardObject[],
    z: (i: number) => number,
  ) {
    if (objects.length === 0) return;
    await c.query(INSERT_OBJECTS, [
      boardId,
      objects.map((o) => o.id),
      objects.map((_o, i) => z(i)),
      objects.map(() => SCHEMA_VERSION),
      objects.map((o) => JSON.stringify(o)),
    ]);
  }

  async function commitIn(
    c: pg.PoolClient,
    { boardId, committed, changes, opJson }: CommitInput,
  ): Promise<void> {
    // Locks the board's row and advances its seq in one statement: a concurrent commit to the
    // same board waits here, and the condition is checked again on the row it leaves behind.
    const advanced = await c.query('UPDATE boards SET seq = $2 WHERE id = $1 AND seq = $2 - 1', [
      boardId,
      committed.seq,
    ]);
    if (advanced.rowCount !== 1) {
      const row = (await c.query<{ seq: number }>('SELECT seq FROM boards WHERE id = $1', [boardId])).rows[0];
      if (!row) throw new Error(`unknown board ${boardId}`);
      throw new StaleSeqError(boardId, row.seq, `seq ${committed.seq} is not next`);
    }
    try {
      await c.query(
        'INSERT INTO ops (board_id, seq, op_id, actor, at, v, op) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [
          boardId,
          committed.seq,
          committed.op.id,
          committed.actor,
          committed.at,
          SCHEMA_VERSION,
          opJson ?? JSON.stringify(committed.op),
        ],
      );
    } catch (err) {
      // Another node committed the same op id (a client resent it there): the caller looks it up.
      if (isUniqueViolation(err))
        throw new StaleSeqError(boardId, committed.seq - 1, `op ${committed.op.id} is already in the log`);
      throw err;
    }
    if (changes.removed.length > 0) {
      await c.query('DELETE FROM objects WHERE board_id = $1 AND id = ANY($2::text[])', [
        boardId,
        changes.removed,
      ]);
    }
    // z keeps paint order: later ops on top, and objects within one op in their given order.
    await insertObjects(c, boardId, changes.added, (i) => committed.seq * 1000 + i);
    for (const o of changes.updated ?? []) {
      await c.query('UPDATE objects SET v = $1, data = $2 WHERE board_id = $3 AND id = $4', [
        SCHEMA_VERSION,
        JSON.stringify(o),
        boardId,
        o.id,
      ]);
    }
    const moved = changes.moved;
    if (moved) {
      // Front: above everything so far, as if just added. Back: below the lowest, in order.
      let base = committed.seq * 1000;
      if (moved.to === 'back') {
        const min = (
          await c.query<{ z: string | null }>('SELECT MIN(z) AS z FROM objects WHERE board_id = $1', [
            boardId,
          ])
        ).rows[0]?.z;
        base = Number(min ?? 0) - moved.ids.length;
      }
      await c.query(
        `UPDATE objects o SET z = m.z FROM unnest($2::text[], $3::bigint[]) AS m(id, z)
         WHERE o.board_id = $1 AND o.id = m.id`,
        [boardId, moved.ids, moved.ids.map((_id, i) => base + i)],
      );
    }
  }

  return {
    kind: 'postgres',
    shared: true,
    async createBoard(board) {
      await pool.query(INSERT_BOARD, boardParams(board));
    },
    async getBoard(id) {
      const row = (await pool.query<BoardRow>('SELECT * FROM boards WHERE id = $1', [id])).rows[0];
      return row ? toBoard(row) : undefined;
    },
    async listBoards() {
      return (await pool.query<BoardRow>('SELECT * FROM boards ORDER BY created_at DESC, id DESC')).rows.map(
        toBoard,
      );
    },
    async updateBoard(b) {
      await pool.query(
        `UPDATE boards SET meta = $2, edit_key_hash = $3, view_key_hash = $4, edit_key_sealed = $5,
         view_key_sealed = $6 WHERE id = $1`,
        [b.meta.id, metaJson(b.meta), b.editKeyHash, b.viewKeyHash, b.editKeySealed, b.viewKeySealed],
      );
    },
    async loadObjects(boardId) {
      const rows = (
        await pool.query<{ v: number; data: string }>(
          'SELECT v, data FROM objects WHERE board_id = $1 ORDER BY z',
          [boardId],
        )
      ).rows;
      return rows.map((r) => readObjectRow(r.data, r.v));
    },
    async findOp(boardId, opId) {
      const row = (
        await pool.query<{ seq: number }>('SELECT seq FROM ops WHERE board_id = $1 AND op_id = $2', [
          boardId,
          opId,
        ])
      ).rows[0];
      return row?.seq;
    },
    async commit(input) {
      await tx((c) => commitIn(c, input));
    },
    async opsSince(boardId, since, limit): Promise<CommittedOp[]> {
      const rows = (
        await pool.query<OpRow>(
          'SELECT seq, actor, at, v, op FROM ops WHERE board_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
          [boardId, since, limit],
        )
      ).rows;
      return rows.map((r) => ({
        seq: r.seq,
        at: Number(r.at),
        actor: r.actor,
        op: readOpRow(r.op, r.v),
      }));
    },
    async importBoard(board, staged) {
      // One transaction across the chunks: other nodes and requests see the board only whole.
      await tx(async (c) => {
        await c.query(INSERT_BOARD, boardParams(board));
        const id = board.meta.id;
        for await (const chunk of readStagedImport(staged)) {
          if (chunk.kind === 'ops') {
            const part = chunk.rows;
            await c.query(INSERT_OPS, [
              id,
              part.map((o) => o.seq),
              part.map((o) => o.opId),
              part.map((o) => o.actor),
              part.map((o) => o.at),
              part.map((o) => o.v),
              part.map((o) => o.op),
            ]);
          } else if (chunk.kind === 'objects') {
            const part = chunk.rows;
            if (part.length === 0) continue;
            await c.query(INSERT_OBJECTS, [
              id,
              part.map((o) => o.id),
              part.map((o) => o.z),
              part.map((o) => o.v),
              part.map((o) => o.data),
            ]);
          } else await putAssetIn(c, { ...chunk.asset, boardId: id });
        }
      });
    },
    async deleteBoard(id) {
      // ON DELETE CASCADE takes the log, the objects and the assets with it.
      await pool.query('DELETE FROM boards WHERE id = $1', [id]);
    },
    async lastOpAt(boardId) {
      const row = (
        await pool.query<{ at: string }>('SELECT at FROM ops WHERE board_id = $1 ORDER BY seq DESC LIMIT 1', [
          boardId,
        ])
      ).rows[0];
      return row ? Number(row.at) : undefined;
    },
    async putAsset(asset) {
      await putAssetIn(pool, asset);
    },
    async getAsset(boardId, id): Promise<StoredAsset | undefined> {
      const r = (
        await pool.query<{
          id: string;
          mime: string;
          width: number;
          height: number;
          created_at: string;
          data: Buffer;
        }>('SELECT id, mime, width, height, created_at, data FROM assets WHERE board_id = $1 AND id = $2', [
          boardId,
          id,
        ])
      ).rows[0];
      return r
        ? {
            boardId,
            id: r.id,
            mime: r.mime,
            width: r.width,
            height: r.height,
            createdAt: Number(r.created_at),
            bytes: r.data,
          }
        : undefined;
    },
    async listAssets(boardId) {
      const rows = (
        await pool.query<{ id: string; size: number; created_at: string }>(
          'SELECT id, octet_length(data) AS size, created_at FROM assets WHERE board_id = $1 ORDER BY created_at, id',
          [boardId],
        )
      ).rows;
      return rows.map((r) => ({ id: r.id, size: Number(r.size), createdAt: Number(r.created_at) }));
    },
    async referencedAssets(boardId, ids) {
      if (ids.length === 0) return [];
      const rows = (
        await pool.query<{ id: string }>(
          `SELECT id FROM unnest($2::text[]) AS id
           WHERE EXISTS (SELECT 1 FROM ops WHERE board_id = $1 AND strpos(op, id) > 0)`,
          [boardId, [...ids]],
        )
      ).rows;
      return rows.map((r) => r.id);
    },
    async deleteAssets(boardId, ids) {
      if (ids.length === 0) return;
      await pool.query('DELETE FROM assets WHERE board_id = $1 AND id = ANY($2)', [boardId, [...ids]]);
    },
    async logBytes(boardId) {
      const row = (
        await pool.query<{ bytes: string | null }>(
          'SELECT SUM(octet_length(op)) AS bytes FROM ops WHERE board_id = $1',
          [boardId],
        )
      ).rows[0];
      return Number(row?.bytes ?? 0);
    },
    async setting(name, make) {
      await pool.query('INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
        name,
        make(),
      ]);
      const row = (await pool.query<{ value: string }>('SELECT value FROM settings WHERE name = $1', [name]))
        .rows[0];
      if (!row) throw new Error(`setting ${name} vanished`);
      return row.value;
    },
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
}

function putAssetIn(q: pg.Pool | pg.PoolClient, a: StoredAsset): Promise<unknown> {
  return q.query(
    `INSERT INTO assets (board_id, id, mime, width, height, created_at, data)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (board_id, id) DO NOTHING`,
    [a.boardId, a.id, a.mime, a.width, a.height, a.createdAt, a.bytes],
  );
}

import { applyChanges } from '../../shared/board-state';
import type { BoardObject } from '../../shared/objects/board-object';
import type { CommittedOp } from '../../shared/ops';
import { readObjectRow, readOpRow } from './rows';
import { readStagedImport } from './staged-import';
import type { BoardStore, CommitInput, StoredAsset, StoredBoard } from './store';

interface MemoryBoard {
  board: StoredBoard;
  objects: Map<string, BoardObject>;
  log: CommittedOp[];
  opSeq: Map<string, number>;
  assets: Map<string, StoredAsset>;
}

/** The in-memory twin of the SQLite store: same contract, nothing survives the process. */
export function createMemoryStore(): BoardStore {
  const boards = new Map<string, MemoryBoard>();
  const clone = <T>(v: T): T => structuredClone(v);

  function need(id: string): MemoryBoard {
    const b = boards.get(id);
    if (!b) throw new Error(`unknown board ${id}`);
    return b;
  }

  return {
    kind: 'memory',
    async createBoard(board) {
      if (boards.has(board.meta.id)) throw new Error(`board ${board.meta.id} exists`);
      boards.set(board.meta.id, {
        board: clone(board),
        objects: new Map(),
        log: [],
        opSeq: new Map(),
        assets: new Map(),
      });
    },
    async getBoard(id) {
      const b = boards.get(id);
      return b ? clone(b.board) : undefined;
    },
    async listBoards() {
      return [...boards.values()]
        .map((b) => clone(b.board))
        .sort((a, b) => b.meta.createdAt - a.meta.createdAt || (a.meta.id < b.meta.id ? 1 : -1));
    },
    async updateBoard(board) {
      const b = need(board.meta.id);
      b.board = { ...clone(board), seq: b.board.seq };
    },
    async loadObjects(boardId) {
      return clone([...need(boardId).objects.values()]);
    },
    async findOp(boardId, opId) {
      return need(boardId).opSeq.get(opId);
    },
    async commit({ boardId, committed, changes }: CommitInput) {
      const b = need(boardId);
      if (committed.seq !== b.board.seq + 1) throw new Error(`seq ${committed.seq} is not next`);
      if (b.opSeq.has(committed.op.id)) throw new Error(`op ${committed.op.id} exists`);
      applyChanges(b.objects, clone(changes));
      b.log.push(clone(committed));
      b.opSeq.set(committed.op.id, committed.seq);
      b.board.seq = committed.seq;
    },
    async opsSince(boardId, since, limit) {
      const log = need(boardId).log;
      // seq n sits at index n-1: the log is gap-free by construction.
      return clone(log.slice(Math.max(0, since), Math.max(0, since) + limit));
    },
    async importBoard(board, staged) {
      if (boards.has(board.meta.id)) throw new Error(`board ${board.meta.id} exists`);
      const log: CommittedOp[] = [];
      const objects = new Map<string, BoardObject>();
      const assets = new Map<string, StoredAsset>();
      for await (const chunk of readStagedImport(staged)) {
        if (chunk.kind === 'ops')
          for (const r of chunk.rows)
            log.push({ seq: r.seq, at: r.at, actor: r.actor, op: readOpRow(r.op, r.v) });
        else if (chunk.kind === 'objects')
          for (const r of chunk.rows) objects.set(r.id, readObjectRow(r.data, r.v));
        else assets.set(chunk.asset.id, { ...chunk.asset, boardId: board.meta.id });
      }
      if (boards.has(board.meta.id)) throw new Error(`board ${board.meta.id} exists`);
      boards.set(board.meta.id, {
        board: clone(board),
        objects,
        log,
        opSeq: new Map(log.map((c) => [c.op.id, c.seq])),
        assets,
      });
    },
    async deleteBoard(id) {
      boards.delete(id);
    },
    async lastOpAt(boardId) {
      return boards.get(boardId)?.log.at(-1)?.at;
    },
    async putAsset(asset) {
      const b = need(asset.boardId);
      if (!b.assets.has(asset.id)) b.assets.set(asset.id, { ...asset, bytes: Buffer.from(asset.bytes) });
    },
    async getAsset(boardId, id) {
      const a = boards.get(boardId)?.assets.get(id);
      return a ? { ...a, bytes: Buffer.from(a.bytes) } : undefined;
    },
    async listAssets(boardId) {
      const assets = [...(boards.get(boardId)?.assets.values() ?? [])];
      return assets
        .map((a) => ({ id: a.id, size: a.bytes.length, createdAt: a.createdAt }))
        .sort((a, b) => a.createdAt - b.createdAt);
    },
    async referencedAssets(boardId, ids) {
      const log = (boards.get(boardId)?.log ?? []).map((c) => JSON.stringify(c.op));
      return ids.filter((id) => log.some((json) => json.includes(id)));
    },
    async deleteAssets(boardId, ids) {
      const assets = boards.get(boardId)?.assets;
      for (const id of ids) assets?.delete(id);
    },
    async logBytes(boardId) {
      return need(boardId).log.reduce((n, c) => n + Buffer.byteLength(JSON.stringify(c.op)), 0);
    },
    async close() {
      boards.clear();
    },
  };
}

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreBackups } from '../store/sqlite-backups';
import type { BoardStore } from '../store/store';
import { BoardAssets } from './board-assets';
import { DEFAULT_BOARD_BUDGETS, type BoardBudgets } from './board-budgets';
import { BoardAccess } from './board-keys';
import { BoardLifecycle } from './board-lifecycle';
import { BoardWriter } from './board-writer';
import { SnapshotCache } from './snapshot-cache';

/**
 * The boards of one server, in the parts callers use: the writer (each board's cache and its
 * one-at-a-time write path), the lifecycle (create, duplicate, import, export, delete), access
 * (keys and roles) and the board's images. Only the writer touches the cache; the others go
 * through it, so every change of a board still takes the board's turn.
 */
export class BoardService {
  readonly writer: BoardWriter;
  readonly lifecycle: BoardLifecycle;
  readonly access: BoardAccess;
  readonly assets: BoardAssets;
  /** Snapshots encoded once per seq for every request (GET /api/boards/:id). */
  readonly snapshots: SnapshotCache;
  /** The embedded store's online copies; undefined for stores backed up by other means. */
  readonly backups: StoreBackups | undefined;

  constructor(opts: {
    store: BoardStore;
    secret: Buffer;
    adminToken: string;
    now?: () => number;
    budgets?: Partial<BoardBudgets> | undefined;
    /** Where archive imports stage their rows: DATA_DIR/imports (the system's temp folder if not told). */
    importDir?: string | undefined;
  }) {
    const { store, secret, adminToken } = opts;
    const now = opts.now ?? Date.now;
    const budgets = { ...DEFAULT_BOARD_BUDGETS, ...opts.budgets };
    this.writer = new BoardWriter({ store, now, logBudgetBytes: budgets.logBytes });
    this.snapshots = new SnapshotCache(this.writer);
    this.access = new BoardAccess({ secret, adminToken, writer: this.writer });
    this.lifecycle = new BoardLifecycle({
      store,
      writer: this.writer,
      access: this.access,
      now,
      importDir: opts.importDir ?? join(tmpdir(), 'grareco-imports'),
    });
    this.assets = new BoardAssets({ store, writer: this.writer, now, quotaBytes: budgets.assetBytes });
    this.backups = store.backups;
  }

  /** Waits until every change already asked of any board has been stored or refused. */
  drain(): Promise<void> {
    return this.writer.drain();
  }
}

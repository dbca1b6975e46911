import type { BoardMeta } from '../../shared/board';
import type { Changes } from '../../shared/board-state';
import type { BoardObject } from '../../shared/objects/board-object';
import type { CommittedOp } from '../../shared/ops';
import type { StoreBackups } from './sqlite-backups';
import type { StagedImport } from './staged-import';

/** A board as stored: its meta, where its log stands, and its keys (hashed, plus sealed copies). */
export interface StoredBoard {
  meta: BoardMeta;
  seq: number;
  editKeyHash: string;
  viewKeyHash: string;
  /** Keys sealed with the server secret so the organiser can be shown the links again. */
  editKeySealed: string;
  viewKeySealed: string;
}

/** An uploaded image, kept in the store itself so that no request ever names a file path. */
export interface StoredAsset {
  boardId: string;
  /** SHA-256 of the bytes: the same image uploaded twice is one asset. */
  id: string;
  mime: string;
  width: number;
  height: number;
  bytes: Buffer;
  createdAt: number;
}

export interface CommitInput {
  boardId: string;
  committed: CommittedOp;
  changes: Changes;
  /** The op as JSON when the caller made it already (to count its bytes): stored as it is. */
  opJson?: string;
}

/** What the asset sweep and the upload quota need to know of an asset, without its bytes. */
export interface AssetInfo {
  id: string;
  /** Size of the stored image in bytes. */
  size: number;
  createdAt: number;
}

/**
 * The one storage interface. Every method that writes is atomic: a commit either lands whole
 * (op in the log, objects changed, seq advanced) or not at all, and is durable when it resolves.
 */
export interface BoardStore {
  readonly kind: string;
  /**
   * How a commit reaches the disk, as the database itself reports it, for the start-up line
   * (an operator sees at once that acknowledged means on disk); absent for stores without one.
   */
  readonly durability?: string;
  /**
   * True when other processes may write the same boards (PostgreSQL): a cache of a board may
   * then be behind, and `commit` throws StaleSeqError when another writer took the seq.
   */
  readonly shared?: boolean;
  /**
   * The embedded store's own online copies (DATA_DIR/backups). PostgreSQL is backed up by its
   * own tools (pg_dump, base backups), the memory store not at all.
   */
  readonly backups?: StoreBackups | undefined;
  createBoard(board: StoredBoard): Promise<void>;
  getBoard(id: string): Promise<StoredBoard | undefined>;
  /** Newest first. */
  listBoards(): Promise<StoredBoard[]>;
  updateBoard(board: StoredBoard): Promise<void>;
  /** Current objects in paint order (oldest first). */
  loadObjects(boardId: string): Promise<BoardObject[]>;
  /** The seq an op id was committed with, if it was. */
  findOp(boardId: string, opId: string): Promise<number | undefined>;
  /** Appends the op with seq = board seq + 1 and applies its changes; fails if seq is not next. */
  commit(input: CommitInput): Promise<void>;
  /** Ops with seq > since, oldest first, at most limit. */
  opsSince(boardId: string, since: number, limit: number): Promise<CommittedOp[]>;
  /**
   * Creates a board with its whole history (an archive import) from the rows the export
   * process staged: the log in seq order from 1, the objects in paint order, the images. The
   * board appears whole or not at all; the copy yields to the event loop between chunks, so
   * the live boards are served while a long log moves in.
   */
  importBoard(board: StoredBoard, staged: StagedImport): Promise<void>;
  /** Removes a board with its log, objects and assets, for good. */
  deleteBoard(id: string): Promise<void>;
  /** When the last op was committed, or undefined for a board without any. */
  lastOpAt(boardId: string): Promise<number | undefined>;
  /** Stores an asset; storing the same board and id again is a no-op. */
  putAsset(asset: StoredAsset): Promise<void>;
  getAsset(boardId: string, id: string): Promise<StoredAsset | undefined>;
  /** A board's assets, oldest first, without their bytes. */
  listAssets(boardId: string): Promise<AssetInfo[]>;
  /**
   * Which of these asset ids the board's log mentions: an id found anywhere in an op's JSON
   * counts (an image record's assetId; a 64-hex hash typed into a text would only keep an
   * asset, never lose one in use).
   */
  referencedAssets(boardId: string, ids: readonly string[]): Promise<string[]>;
  /** Deletes these assets of a board (ids it does not hold are skipped). */
  deleteAssets(boardId: string, ids: readonly string[]): Promise<void>;
  /** The size of a board's op log as stored: the UTF-8 bytes of every op's JSON. */
  logBytes(boardId: string): Promise<number>;
  close(): Promise<void>;
}

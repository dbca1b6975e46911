import {
  boardMetaSchema,
  DEFAULT_BOARD_SIZE,
  type BoardMeta,
  type CreateBoardInput,
} from '../../shared/board';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Archive } from '../../shared/archive';
import { newId } from '../../shared/ids';
import { layerOf } from '../../shared/layers';
import { ok, type Result } from '../../shared/result';
import type { BoardObject } from '../../shared/objects/board-object';
import { ExportCancelled, runRestore, type ProgressListener } from '../export/run-export';
import { removeStagedImport } from '../store/staged-import';
import type { BoardStore, StoredBoard } from '../store/store';
import { buildArchive } from './archive';
import { boardTemplate, type LogoUpload } from './board-logo';
import type { BoardAccess, BoardKeys } from './board-keys';
import type { BoardWriter, SubmitResult } from './board-writer';

export interface CreatedBoard {
  board: StoredBoard;
  keys: BoardKeys;
}

/** Boards coming and going: created, duplicated for the next event, archived, imported, deleted. */
export class BoardLifecycle {
  readonly #store: BoardStore;
  readonly #writer: BoardWriter;
  readonly #access: BoardAccess;
  readonly #now: () => number;
  /** Where an import's rows are staged (DATA_DIR/imports), one file per import. */
  readonly #importDir: string;

  constructor(opts: {
    store: BoardStore;
    writer: BoardWriter;
    access: BoardAccess;
    now: () => number;
    importDir: string;
  }) {
    this.#importDir = opts.importDir;
    this.#store = opts.store;
    this.#writer = opts.writer;
    this.#access = opts.access;
    this.#now = opts.now;
  }

  async create(input: CreateBoardInput, logo?: LogoUpload): Promise<CreatedBoard> {
    const keys = this.#access.newKeys();
    // Through the schema, so every field not given gets its documented default.
    const meta: BoardMeta = boardMetaSchema.parse({
      id: newId(),
      title: input.title,
      width: input.width ?? DEFAULT_BOARD_SIZE.width,
      height: input.height ?? DEFAULT_BOARD_SIZE.height,
      createdAt: this.#now(),
      locked: false,
      revealed: !input.cover,
      coverText: input.coverText ?? '',
      startsAt: input.startsAt ?? '',
      palette: input.palette,
      date: input.date ?? '',
      agenda: input.agenda ?? [],
    });
    const created = await this.#insert(meta, keys);
    if (logo) await this.#store.putAsset({ ...logo, boardId: meta.id, createdAt: this.#now() });
    // The programme (and the logo) are laid out as the board's first op, so it is undoable by
    // nobody and in the time-lapse from the start.
    const template = boardTemplate(meta, logo);
    if (template.length > 0) {
      const result = await this.#addTemplate(meta.id, template);
      if (!result.ok) throw new Error(`agenda template refused: ${result.reason}`);
      created.board.seq = result.seq;
    }
    return created;
  }

  /**
   * A new board for the next event from this one's template layer (title, headings, logos):
   * same size, palette and programme, nothing drawn during the event.
   */
  async duplicate(boardId: string, title?: string): Promise<CreatedBoard | undefined> {
    const source = await this.#writer.document(boardId);
    if (!source) return undefined;
    const { meta } = source;
    const template = source.objects.filter((o) => layerOf(o) === 'template');
    const keys = this.#access.newKeys();
    const copy = boardMetaSchema.parse({
      ...meta,
      id: newId(),
      title: title ?? meta.title,
      createdAt: this.#now(),
      locked: false,
      revealed: meta.revealed,
      altText: '',
      consentPublish: false,
      consentNames: false,
    });
    const created = await this.#insert(copy, keys);
    for (const o of template) {
      if (o.type !== 'image') continue;
      const asset = await this.#store.getAsset(boardId, o.assetId);
      // Stamped now, as every upload: the sweep leaves it alone until the template op uses it.
      if (asset) await this.#store.putAsset({ ...asset, boardId: copy.id, createdAt: this.#now() });
    }
    if (template.length > 0) {
      const result = await this.#addTemplate(copy.id, template);
      if (result.ok) created.board.seq = result.seq;
    }
    return created;
  }

  /** The whole board as one file, read in the board's turn so no op lands halfway through. */
  exportArchive(boardId: string): Promise<Archive | undefined> {
    return this.#writer.inTurn(boardId, (board) => buildArchive(this.#store, board, this.#now()));
  }

  /**
   * A new board (new id, new keys) with the meta, history and images of an archive: checked
   * whole and staged in a file by an export process, then copied into the store a chunk per
   * turn. Refused archives write nothing; an abort (the request closed) stops it before the
   * store step; the staged file is removed whatever happens.
   */
  async importArchive(
    bytes: Buffer,
    signal?: AbortSignal,
    onProgress?: ProgressListener,
  ): Promise<Result<CreatedBoard>> {
    mkdirSync(this.#importDir, { recursive: true, mode: 0o700 });
    const stageFile = join(this.#importDir, `${newId()}.sqlite`);
    try {
      const restored = await runRestore(bytes, stageFile, signal, onProgress);
      if (!restored.ok) return restored;
      if (signal?.aborted) throw new ExportCancelled();
      const { meta, staged } = restored.value;
      onProgress?.({ phase: 'store', done: 0, total: 1 });
      const keys = this.#access.newKeys();
      const board = this.#access.stored({ ...meta, id: newId(), createdAt: this.#now() }, keys, staged.ops);
      await this.#store.importBoard(board, staged);
      onProgress?.({ phase: 'store', done: 1, total: 1 });
      return ok({ board, keys });
    } finally {
      removeStagedImport(stageFile);
    }
  }

  /** Deletes a board for good: its log, objects and images go with it. */
  async deleteBoard(boardId: string): Promise<boolean> {
    const deleted = await this.#writer.inTurn(boardId, async () => {
      await this.#store.deleteBoard(boardId);
      this.#writer.forget(boardId);
      return true;
    });
    return deleted ?? false;
  }

  async #insert(meta: BoardMeta, keys: BoardKeys): Promise<CreatedBoard> {
    const board = this.#access.stored(meta, keys, 0);
    await this.#store.createBoard(board);
    return { board, keys };
  }

  /** The template as the board's own op: the organiser's, so a locked template takes it. */
  #addTemplate(boardId: string, template: BoardObject[]): Promise<SubmitResult> {
    return this.#writer.submit(boardId, 'organiser', { id: newId(), kind: 'add', objects: template }, true);
  }
}

import { createHash } from 'node:crypto';
import { applyChanges, cleanOp, planOp } from '../../shared/board-state';
import {
  boardMetaSchema,
  DEFAULT_BOARD_SIZE,
  type BoardDocument,
  type BoardMeta,
  type BoardSettings,
  type CreateBoardInput,
} from '../../shared/board';
import type { Archive } from '../../shared/archive';
import { newId } from '../../shared/ids';
import { LIMITS } from '../../shared/limits';
import type { BoardObject } from '../../shared/objects/board-object';
import type { CommittedOp, Op } from '../../shared/ops';
import { ROLES, type Role, type SyncReply } from '../../shared/protocol';
import { REJECT, type RejectReason } from '../../shared/reject-reasons';
import { fail, ok, type Result } from '../../shared/result';
import { hashKey, keyMatches, newKey, sameSecret, seal, unseal } from '../keys';
import { inspectImage } from '../assets/inspect-image';
import { StaleSeqError } from '../store/stale-seq';
import type { BoardStore, StoredAsset, StoredBoard } from '../store/store';
import { layerOf } from '../../shared/layers';
import { touchesTemplate } from '../../shared/template-lock';
import { boardTemplate, type LogoUpload } from './board-logo';
import { buildArchive, restoreArchive, type RestoredBoard } from './archive';
import { KeyedQueue } from './keyed-queue';

export interface BoardKeys {
  editKey: string;
  viewKey: string;
}

export interface AssetInfo {
  id: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
}

export type SubmitResult =
  | { ok: true; seq: number; committed: CommittedOp | null }
  | { ok: false; reason: RejectReason; detail?: string };

/**
 * Attempts at one op when other nodes keep committing to the same board in between. Two
 * recorders on two nodes writing flat out can beat each other many times in a row; a short
 * random pause after a lost race breaks the tie.
 */
const MAX_COMMIT_ATTEMPTS = 40;

function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(20, attempt * 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
/** Behind by more than this, a cache is reloaded whole rather than replayed op by op. */
const MAX_REPLAY = 2_000;

/** A board held in memory while in use: the store stays the truth, this is its read cache. */
interface LiveBoard {
  board: StoredBoard;
  objects: Map<string, BoardObject>;
}

/**
 * Owns the write path: ops for one board are applied strictly one at a time, checked against
 * the cached objects, committed to the store, and only then reported as accepted.
 */
export class BoardService {
  readonly #store: BoardStore;
  readonly #secret: Buffer;
  readonly #adminToken: string;
  readonly #now: () => number;
  readonly #live = new Map<string, Promise<LiveBoard | undefined>>();
  /** The same boards once loaded, for synchronous reads on hot paths. */
  readonly #ready = new Map<string, LiveBoard>();
  readonly #queue = new KeyedQueue();

  constructor(opts: { store: BoardStore; secret: Buffer; adminToken: string; now?: () => number }) {
    this.#store = opts.store;
    this.#secret = opts.secret;
    this.#adminToken = opts.adminToken;
    this.#now = opts.now ?? Date.now;
  }

  async create(input: CreateBoardInput, logo?: LogoUpload): Promise<{ board: StoredBoard; keys: BoardKeys }> {
    const keys = { editKey: newKey(), viewKey: newKey() };
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
      const result = await this.submit(
        meta.id,
        'organiser',
        { id: newId(), kind: 'add', objects: template },
        true,
      );
      if (!result.ok) throw new Error(`agenda template refused: ${result.reason}`);
      created.board.seq = result.seq;
    }
    return created;
  }

  async #insert(meta: BoardMeta, keys: BoardKeys): Promise<{ board: StoredBoard; keys: BoardKeys }> {
    const board = this.#stored(meta, keys, 0);
    await this.#store.createBoard(board);
    return { board, keys };
  }

  #stored(meta: BoardMeta, keys: BoardKeys, seq: number): StoredBoard {
    return {
      meta,
      seq,
      editKeyHash: hashKey(keys.editKey),
      viewKeyHash: hashKey(keys.viewKey),
      editKeySealed: seal(keys.editKey, this.#secret),
      viewKeySealed: seal(keys.viewKey, this.#secret),
    };
  }

  /** The organiser's edits: title, alt text, consent, cover text and start time. */
  updateSettings(boardId: string, settings: BoardSettings): Promise<StoredBoard | undefined> {
    return this.#updateMeta(boardId, settings);
  }

  async exportArchive(boardId: string): Promise<Archive | undefined> {
    return this.#queue.run(boardId, async () => {
      const live = await this.#current(boardId);
      return live ? buildArchive(this.#store, live.board, this.#now()) : undefined;
    });
  }

  /** A new board (new id, new keys) with the archive's meta, history and images. */
  async importArchive(bytes: Buffer): Promise<Result<{ board: StoredBoard; keys: BoardKeys }>> {
    const restored = restoreArchive(bytes);
    if (!restored.ok) return restored;
    return ok(await this.importRestored(restored.value));
  }

  /** Stores an archive already checked whole (by restoreArchive, maybe on a worker thread). */
  async importRestored(restored: RestoredBoard): Promise<{ board: StoredBoard; keys: BoardKeys }> {
    const { meta, log, objects, assets } = restored;
    const keys = { editKey: newKey(), viewKey: newKey() };
    const board = this.#stored({ ...meta, id: newId(), createdAt: this.#now() }, keys, log.length);
    const id = board.meta.id;
    await this.#store.importBoard(
      board,
      log,
      objects,
      assets.map((a) => ({ ...a, boardId: id })),
    );
    return { board, keys };
  }

  /** Deletes a board for good: its log, objects and images go with it. */
  deleteBoard(boardId: string): Promise<boolean> {
    return this.#queue.run(boardId, async () => {
      const live = await this.#current(boardId);
      if (!live) return false;
      await this.#store.deleteBoard(boardId);
      this.#live.delete(boardId);
      this.#ready.delete(boardId);
      return true;
    });
  }

  /**
   * A new board for the next event from this one's template layer (title, headings, logos):
   * same size, palette and programme, nothing drawn during the event.
   */
  async duplicate(
    boardId: string,
    title?: string,
  ): Promise<{ board: StoredBoard; keys: BoardKeys } | undefined> {
    const source = await this.#fresh(boardId);
    if (!source) return undefined;
    const { meta } = source.board;
    const template = [...source.objects.values()].filter((o) => layerOf(o) === 'template');
    const keys = { editKey: newKey(), viewKey: newKey() };
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
      if (asset) await this.#store.putAsset({ ...asset, boardId: copy.id });
    }
    if (template.length > 0) {
      const result = await this.submit(
        copy.id,
        'organiser',
        { id: newId(), kind: 'add', objects: template },
        true,
      );
      if (result.ok) created.board.seq = result.seq;
    }
    return created;
  }

  lastActivity(boardId: string): Promise<number | undefined> {
    return this.#store.lastOpAt(boardId);
  }

  async list(): Promise<StoredBoard[]> {
    const stored = await this.#store.listBoards();
    // Shared by several nodes, the store itself is the freshest there is.
    if (this.#store.shared) return stored;
    // A board in use has a fresher seq in memory than a concurrent list read may show.
    return Promise.all(stored.map(async (b) => (await this.#cached(b.meta.id)) ?? b));
  }

  keysOf(board: StoredBoard): BoardKeys {
    return {
      editKey: unseal(board.editKeySealed, this.#secret),
      viewKey: unseal(board.viewKeySealed, this.#secret),
    };
  }

  isAdmin(token: string): boolean {
    return sameSecret(token, this.#adminToken);
  }

  /** Which role a presented key gives on a board, or undefined for a wrong key. */
  roleFor(board: StoredBoard, key: string): Role | undefined {
    if (this.isAdmin(key)) return ROLES.organiser;
    if (keyMatches(key, board.editKeyHash)) return ROLES.recorder;
    if (keyMatches(key, board.viewKeyHash)) return ROLES.viewer;
    return undefined;
  }

  async find(id: string): Promise<StoredBoard | undefined> {
    return (await this.#fresh(id))?.board;
  }

  async document(id: string): Promise<BoardDocument | undefined> {
    const read = async () => {
      const live = await this.#current(id);
      if (!live) return undefined;
      const { meta, seq } = live.board;
      return { id: meta.id, title: meta.title, meta, seq, objects: [...live.objects.values()] };
    };
    // Caught up and copied inside the board's queue, so no catch-up runs halfway through.
    return this.#store.shared ? this.#queue.run(id, read) : read();
  }

  /**
   * `mayEditTemplate`: the organiser (and the server's own template ops) may change the
   * template layer while it is locked; recorders may not.
   */
  submit(boardId: string, actor: string, op: Op, mayEditTemplate = false): Promise<SubmitResult> {
    return this.#queue.run(boardId, async () => {
      for (let attempt = 1; ; attempt++) {
        const live = await this.#current(boardId);
        if (!live) return { ok: false, reason: REJECT.unknownBoard };
        // The store answers, not the cache: a resend may have landed through another node.
        const earlier = await this.#store.findOp(boardId, op.id);
        if (earlier !== undefined) return { ok: true, seq: earlier, committed: null };
        if (live.board.meta.locked) return { ok: false, reason: REJECT.boardLocked };
        const plan = planOp(live.objects, op);
        if (!plan.ok)
          return plan.detail === undefined ? plan : { ok: false, reason: plan.reason, detail: plan.detail };
        if (!mayEditTemplate && live.board.meta.templateLocked && touchesTemplate(live.objects, plan.value))
          return { ok: false, reason: REJECT.templateLocked };
        const committed: CommittedOp = {
          seq: live.board.seq + 1,
          at: this.#now(),
          actor,
          op: cleanOp(op, plan.value),
        };
        try {
          await this.#store.commit({ boardId, committed, changes: plan.value });
        } catch (err) {
          // Another node took this seq (or this op id): catch up from the log and plan again.
          if (!(err instanceof StaleSeqError) || attempt >= MAX_COMMIT_ATTEMPTS) throw err;
          if (attempt > 1) await backoff(attempt);
          await this.#catchUp(boardId, live);
          continue;
        }
        live.board.seq = committed.seq;
        applyChanges(live.objects, plan.value);
        return { ok: true, seq: committed.seq, committed };
      }
    });
  }

  /**
   * Brings a cached board up to the store (meta, keys and objects), for a node told that another
   * node changed it. Boards not in memory here need nothing.
   */
  async refresh(boardId: string): Promise<void> {
    if (this.#store.shared && this.#live.has(boardId)) await this.#fresh(boardId);
  }

  /** Checks an upload by its content and keeps it; the same bytes twice are one asset. */
  async addAsset(boardId: string, bytes: Buffer): Promise<Result<AssetInfo>> {
    const board = await this.find(boardId);
    if (!board) return fail(REJECT.unknownBoard);
    if (board.meta.locked) return fail(REJECT.boardLocked);
    const info = inspectImage(bytes);
    if (!info.ok) return info;
    const id = createHash('sha256').update(bytes).digest('hex');
    await this.#store.putAsset({ boardId, id, ...info.value, bytes, createdAt: this.#now() });
    return ok({ id, ...info.value, bytes: bytes.length });
  }

  asset(boardId: string, id: string): Promise<StoredAsset | undefined> {
    return this.#store.getAsset(boardId, id);
  }

  /** A new edit or view key; the old one stops working at once. Returns the new keys. */
  rotateKey(
    boardId: string,
    which: 'edit' | 'view',
  ): Promise<{ board: StoredBoard; keys: BoardKeys } | undefined> {
    return this.#queue.run(boardId, async () => {
      const live = await this.#current(boardId);
      if (!live) return undefined;
      const key = newKey();
      const next: StoredBoard =
        which === 'edit'
          ? { ...live.board, editKeyHash: hashKey(key), editKeySealed: seal(key, this.#secret) }
          : { ...live.board, viewKeyHash: hashKey(key), viewKeySealed: seal(key, this.#secret) };
      await this.#store.updateBoard(next);
      live.board = next;
      return { board: next, keys: this.keysOf(next) };
    });
  }

  /** A locked board refuses every op, from everyone, until it is unlocked. */
  setLocked(boardId: string, locked: boolean): Promise<StoredBoard | undefined> {
    return this.#updateMeta(boardId, { locked });
  }

  /** Takes the board out from behind its cover (or back behind it). */
  setRevealed(boardId: string, revealed: boolean): Promise<StoredBoard | undefined> {
    return this.#updateMeta(boardId, { revealed });
  }

  /** The meta of a board already in memory (every socket's board is): for broadcasts. */
  cachedMeta(boardId: string): BoardMeta | undefined {
    return this.#ready.get(boardId)?.board.meta;
  }

  /**
   * A change of meta worked out from the meta as it is when its turn comes (so two changes
   * of a list, such as the board's stamps, never overwrite each other). Refused on a locked board.
   */
  updateMetaWith(
    boardId: string,
    change: (meta: BoardMeta) => Result<Partial<BoardMeta>>,
  ): Promise<Result<StoredBoard>> {
    return this.#changeMeta(boardId, change, false);
  }

  /** The organiser's changes (lock, reveal, settings) apply to a locked board too. */
  async #updateMeta(boardId: string, change: Partial<BoardMeta>): Promise<StoredBoard | undefined> {
    const changed = await this.#changeMeta(boardId, () => ok(change), true);
    return changed.ok ? changed.value : undefined;
  }

  #changeMeta(
    boardId: string,
    change: (meta: BoardMeta) => Result<Partial<BoardMeta>>,
    evenLocked: boolean,
  ): Promise<Result<StoredBoard>> {
    return this.#queue.run(boardId, async () => {
      const live = await this.#current(boardId);
      if (!live) return fail(REJECT.unknownBoard);
      if (live.board.meta.locked && !evenLocked) return fail(REJECT.boardLocked);
      const changed = change(live.board.meta);
      if (!changed.ok) return changed;
      const next: StoredBoard = { ...live.board, meta: { ...live.board.meta, ...changed.value } };
      await this.#store.updateBoard(next);
      live.board = next;
      return ok(next);
    });
  }

  async since(boardId: string, since: number): Promise<SyncReply> {
    const live = await this.#fresh(boardId);
    if (!live) return { ok: false, reason: REJECT.unknownBoard };
    const seq = live.board.seq;
    if (since >= seq) return { ok: true, seq, ops: [] };
    if (seq - since > LIMITS.catchUpMaxOps) return { ok: false, reason: REJECT.snapshotRequired, seq };
    const ops = await this.#store.opsSince(boardId, since, LIMITS.catchUpMaxOps);
    return { ok: true, seq: ops.at(-1)?.seq ?? since, ops };
  }

  /** Waits until every op already submitted has been committed or refused. */
  drain(): Promise<void> {
    return this.#queue.idle();
  }

  /** The board, caught up with the store when other nodes may have written it. */
  #fresh(id: string): Promise<LiveBoard | undefined> {
    return this.#store.shared ? this.#queue.run(id, () => this.#current(id)) : this.#load(id);
  }

  /**
   * Inside the board's queue: with a shared store, re-reads the board's row (meta, keys, seq:
   * one indexed read) and replays the ops other nodes committed since this cache's seq.
   */
  async #current(id: string): Promise<LiveBoard | undefined> {
    const live = await this.#load(id);
    if (!live || !this.#store.shared) return live;
    const row = await this.#store.getBoard(id);
    if (!row) {
      // Deleted through another node.
      this.#forget(id);
      return undefined;
    }
    if (row.seq > live.board.seq) await this.#catchUp(id, live);
    live.board = { ...row, seq: live.board.seq };
    return live;
  }

  /** Applies the log after the cached seq to the cached objects, as every viewer does. */
  async #catchUp(id: string, live: LiveBoard): Promise<void> {
    for (;;) {
      const ops = await this.#store.opsSince(id, live.board.seq, MAX_REPLAY);
      if (ops.length === 0) return;
      if (ops.length >= MAX_REPLAY) {
        await this.#reload(id, live);
        continue;
      }
      for (const c of ops) {
        const plan = planOp(live.objects, c.op);
        if (!plan.ok || c.seq !== live.board.seq + 1) {
          // Cannot happen for a log this service wrote; if it does, trust the stored objects.
          await this.#reload(id, live);
          return;
        }
        applyChanges(live.objects, plan.value);
        live.board.seq = c.seq;
      }
    }
  }

  async #reload(id: string, live: LiveBoard): Promise<void> {
    const board = await this.#store.getBoard(id);
    if (!board) return;
    const objects = await this.#store.loadObjects(id);
    const fresh = await this.#store.getBoard(id);
    // Objects read between two equal seqs are that seq's objects; otherwise try again later.
    if (fresh?.seq !== board.seq) return;
    live.board = board;
    live.objects = new Map(objects.map((o) => [o.id, o] as const));
  }

  #forget(id: string): void {
    this.#live.delete(id);
    this.#ready.delete(id);
  }

  async #cached(id: string): Promise<StoredBoard | undefined> {
    const live = this.#live.get(id);
    return live ? (await live)?.board : undefined;
  }

  #load(id: string): Promise<LiveBoard | undefined> {
    let live = this.#live.get(id);
    if (!live) {
      live = (async () => {
        const board = await this.#store.getBoard(id);
        if (!board) return undefined;
        const objects = new Map((await this.#store.loadObjects(id)).map((o) => [o.id, o] as const));
        return { board, objects };
      })();
      // Unknown ids are not cached, so probing random ids cannot fill memory.
      live.then(
        (b) => (b ? this.#ready.set(id, b) : this.#live.delete(id)),
        () => this.#live.delete(id),
      );
      this.#live.set(id, live);
    }
    return live;
  }
}

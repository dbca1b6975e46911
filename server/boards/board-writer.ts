import { applyChanges, cleanOp, planOp } from '../../shared/board-state';
import type { BoardDocument, BoardMeta, BoardSettings } from '../../shared/board';
import { LIMITS } from '../../shared/limits';
import type { BoardObject } from '../../shared/objects/board-object';
import type { CommittedOp, Op } from '../../shared/ops';
import type { SyncReply } from '../../shared/protocol';
import { REJECT, type RejectReason } from '../../shared/reject-reasons';
import { fail, ok, type Result } from '../../shared/result';
import { carriedPoints } from '../../shared/op-points';
import { touchesTemplate } from '../../shared/template-lock';
import { StaleSeqError } from '../store/stale-seq';
import { StoreDamagedError } from '../store/store-damaged';
import type { BoardStore, StoredBoard } from '../store/store';
import { DEFAULT_BOARD_BUDGETS, opJsonOf } from './board-budgets';
import { CoalescedTurns } from './coalesced-turns';
import { KeyedQueue } from './keyed-queue';
import { RECENT_OPS_KEPT, RecentOps } from './recent-ops';
import { SharedReplies } from './shared-replies';

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
/** Ops carrying more points than this give other sockets a turn before their commit. */
const YIELD_POINTS = 2_000;

/** Behind by more than this, a cache is reloaded whole rather than replayed op by op. */
const MAX_REPLAY = 2_000;

/** A board held in memory while in use: the store stays the truth, this is its read cache. */
interface LiveBoard {
  board: StoredBoard;
  objects: Map<string, BoardObject>;
  /** Bytes of the board's op log as stored: read once at load, then counted per commit. */
  logBytes: number;
}

/**
 * Owns the write path: ops for one board are applied strictly one at a time, checked against
 * the cached objects, committed to the store, and only then reported as accepted. Every other
 * change of a board's row (meta, keys, deletion) takes the same turn, so the cache never
 * drifts from the store.
 */
export class BoardWriter {
  readonly #store: BoardStore;
  readonly #now: () => number;
  readonly #live = new Map<string, Promise<LiveBoard | undefined>>();
  /** The same boards once loaded, for synchronous reads on hot paths. */
  readonly #ready = new Map<string, LiveBoard>();
  readonly #queue = new KeyedQueue();
  /** Catch-up is served from here: ops as validated at commit time, replies shared. */
  readonly #recent = new RecentOps();
  readonly #replies = new SharedReplies<SyncReply>();
  readonly #freshReads = new CoalescedTurns<LiveBoard | undefined>();

  /** Ops that would take a board's log past this many bytes are refused with board_full. */
  readonly logBudgetBytes: number;
  /** Log sizes of boards not in memory, for the console; a board not in memory does not grow. */
  readonly #storedLogBytes = new Map<string, number>();

  constructor(opts: { store: BoardStore; now: () => number; logBudgetBytes?: number }) {
    this.#store = opts.store;
    this.#now = opts.now;
    this.logBudgetBytes = opts.logBudgetBytes ?? DEFAULT_BOARD_BUDGETS.logBytes;
  }

  /** Bytes of a board's op log as stored (for the organiser's gauge). */
  async logBytes(boardId: string): Promise<number> {
    const live = this.#ready.get(boardId);
    if (live) return live.logBytes;
    const known = this.#storedLogBytes.get(boardId);
    if (known !== undefined && !this.#store.shared) return known;
    const bytes = await this.#store.logBytes(boardId);
    this.#storedLogBytes.set(boardId, bytes);
    return bytes;
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

  async list(): Promise<StoredBoard[]> {
    const stored = await this.#store.listBoards();
    // Shared by several nodes, the store itself is the freshest there is.
    if (this.#store.shared) return stored;
    // A board in use has a fresher seq in memory than a concurrent list read may show.
    return Promise.all(stored.map(async (b) => (await this.#cached(b.meta.id)) ?? b));
  }

  lastActivity(boardId: string): Promise<number | undefined> {
    return this.#store.lastOpAt(boardId);
  }

  /** The meta of a board already in memory (every socket's board is): for broadcasts. */
  cachedMeta(boardId: string): BoardMeta | undefined {
    return this.#ready.get(boardId)?.board.meta;
  }

  /** The records of a board already in memory: to weigh an op before its turn. */
  cachedObjects(boardId: string): ReadonlyMap<string, BoardObject> | undefined {
    return this.#ready.get(boardId)?.objects;
  }

  /** A board already in memory, without asking the store: for handshakes that must stay cheap. */
  cachedBoard(boardId: string): StoredBoard | undefined {
    return this.#ready.get(boardId)?.board;
  }

  /**
   * `mayEditTemplate`: the organiser (and the server's own template ops) may change the
   * template layer while it is locked; recorders may not.
   */
  submit(boardId: string, actor: string, op: Op, mayEditTemplate = false): Promise<SubmitResult> {
    return this.#queue.run(boardId, async () => {
      // A large op's commit and broadcast start on a later turn of the event loop: its
      // decode and check ran when it arrived, and a burst of large ops would otherwise run
      // back to back in one task (the store is synchronous) while other boards' sockets wait.
      // Inside the board's turn, so the board's order stays the order of arrival.
      if (carriedPoints(op) > YIELD_POINTS) await new Promise((resolve) => setImmediate(resolve));
      try {
        return await this.#submitInTurn(boardId, actor, op, mayEditTemplate);
      } catch (err) {
        // Refused, not failed: the device keeps the op and sends it again once the operator
        // has restored a backup, so nothing drawn meanwhile is lost.
        if (err instanceof StoreDamagedError) return { ok: false, reason: REJECT.storeDamaged };
        throw err;
      }
    });
  }

  async #submitInTurn(
    boardId: string,
    actor: string,
    op: Op,
    mayEditTemplate: boolean,
  ): Promise<SubmitResult> {
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
      const stored = opJsonOf(committed.op);
      if (live.logBytes + stored.bytes > this.logBudgetBytes) return { ok: false, reason: REJECT.boardFull };
      try {
        await this.#store.commit({ boardId, committed, changes: plan.value, opJson: stored.json });
      } catch (err) {
        // Another node took this seq (or this op id): catch up from the log and plan again.
        if (!(err instanceof StaleSeqError) || attempt >= MAX_COMMIT_ATTEMPTS) throw err;
        if (attempt > 1) await backoff(attempt);
        await this.#catchUp(boardId, live);
        continue;
      }
      live.board.seq = committed.seq;
      live.logBytes += stored.bytes;
      applyChanges(live.objects, plan.value);
      this.#recent.append(boardId, committed);
      return { ok: true, seq: committed.seq, committed };
    }
  }

  async since(boardId: string, since: number): Promise<SyncReply> {
    try {
      return await this.#since(boardId, since);
    } catch (err) {
      if (err instanceof StoreDamagedError) return { ok: false, reason: REJECT.storeDamaged };
      throw err;
    }
  }

  async #since(boardId: string, since: number): Promise<SyncReply> {
    // With a shared store, requests that arrive while a read of the board waits for its turn
    // share that read.
    const live = this.#store.shared
      ? await this.#freshReads.run(this.#queue, boardId, () => this.#current(boardId))
      : await this.#load(boardId);
    if (!live) return { ok: false, reason: REJECT.unknownBoard };
    const seq = live.board.seq;
    if (since >= seq) return { ok: true, seq, ops: [] };
    if (seq - since > LIMITS.catchUpMaxOps) return { ok: false, reason: REJECT.snapshotRequired, seq };
    // Identical requests at the same seq get the same reply object, so one encoding too.
    return this.#replies.get(`${boardId}\n${since}\n${seq}`, () => this.#tail(boardId, since, seq));
  }

  /** The ops after `since` up to `seq`, from memory; the store is read once to fill it. */
  async #tail(boardId: string, since: number, seq: number): Promise<SyncReply> {
    let ops = this.#recent.slice(boardId, since, seq);
    if (ops === 'missing') {
      // In the board's turn, so no commit lands between the read and the window it fills.
      await this.#queue.run(boardId, async () => {
        const cached = this.#ready.get(boardId);
        if (!cached || this.#recent.slice(boardId, since, seq) !== 'missing') return;
        const end = cached.board.seq;
        const read = await this.#store.opsSince(boardId, Math.max(0, end - RECENT_OPS_KEPT), RECENT_OPS_KEPT);
        // With a shared store the log may already go further than this cache.
        this.#recent.fill(
          boardId,
          read.filter((c) => c.seq <= end),
          end,
        );
      });
      ops = this.#recent.slice(boardId, since, seq);
      // A log the cache cannot line up with (a board replaced under it): the store answers.
      if (ops === 'missing') ops = await this.#store.opsSince(boardId, since, seq - since);
    }
    if (ops === 'heavy') return { ok: false, reason: REJECT.snapshotRequired, seq };
    return { ok: true, seq: ops.at(-1)?.seq ?? since, ops };
  }

  /** The organiser's edits: title, alt text, consent, cover text and start time. */
  updateSettings(boardId: string, settings: BoardSettings): Promise<StoredBoard | undefined> {
    return this.#updateMeta(boardId, settings);
  }

  /** A locked board refuses every op, from everyone, until it is unlocked. */
  setLocked(boardId: string, locked: boolean): Promise<StoredBoard | undefined> {
    return this.#updateMeta(boardId, { locked });
  }

  /** Takes the board out from behind its cover (or back behind it). */
  setRevealed(boardId: string, revealed: boolean): Promise<StoredBoard | undefined> {
    return this.#updateMeta(boardId, { revealed });
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

  /**
   * A new row for the board worked out from the current one in the board's turn, stored, then
   * cached. `evenLocked`: the organiser's changes apply to a locked board too.
   */
  updateBoard(
    boardId: string,
    change: (board: StoredBoard) => Result<StoredBoard>,
    evenLocked: boolean,
  ): Promise<Result<StoredBoard>> {
    return this.#queue.run(boardId, async () => {
      const live = await this.#current(boardId);
      if (!live) return fail(REJECT.unknownBoard);
      if (live.board.meta.locked && !evenLocked) return fail(REJECT.boardLocked);
      const next = change(live.board);
      if (!next.ok) return next;
      await this.#store.updateBoard(next.value);
      live.board = next.value;
      return next;
    });
  }

  /**
   * Runs `task` in the board's turn with the board caught up, so no op commits meanwhile;
   * undefined for an unknown board.
   */
  inTurn<T>(boardId: string, task: (board: StoredBoard) => Promise<T>): Promise<T | undefined> {
    return this.#queue.run(boardId, async () => {
      const live = await this.#current(boardId);
      return live ? task(live.board) : undefined;
    });
  }

  /** Drops the cache of a board just deleted from the store (call it inside the board's turn). */
  forget(id: string): void {
    this.#live.delete(id);
    this.#ready.delete(id);
    this.#storedLogBytes.delete(id);
    this.#recent.forget(id);
    this.#replies.forget(`${id}\n`);
  }

  /**
   * Brings a cached board up to the store (meta, keys and objects), for a node told that another
   * node changed it. Boards not in memory here need nothing.
   */
  async refresh(boardId: string): Promise<void> {
    if (this.#store.shared && this.#live.has(boardId)) await this.#fresh(boardId);
  }

  /** Waits until every op already submitted has been committed or refused. */
  drain(): Promise<void> {
    return this.#queue.idle();
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
    return this.updateBoard(
      boardId,
      (board) => {
        const changed = change(board.meta);
        return changed.ok ? ok({ ...board, meta: { ...board.meta, ...changed.value } }) : changed;
      },
      evenLocked,
    );
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
      this.forget(id);
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
        // Committed elsewhere under the limits of its day: replayed, not judged again.
        const plan = planOp(live.objects, c.op, 'stored');
        if (!plan.ok || c.seq !== live.board.seq + 1) {
          // Cannot happen for a log this service wrote; if it does, trust the stored objects.
          await this.#reload(id, live);
          return;
        }
        applyChanges(live.objects, plan.value);
        live.board.seq = c.seq;
        live.logBytes += opJsonOf(c.op).bytes;
        this.#recent.append(id, c);
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
    live.logBytes = await this.#store.logBytes(id);
    this.#recent.forget(id);
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
        return { board, objects, logBytes: await this.#store.logBytes(id) };
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

import { LIMITS } from '../../shared/limits';
import type { CommittedOp } from '../../shared/ops';

/**
 * How many of a board's newest committed ops stay in memory: every catch-up a `sync` may be
 * answered with (LIMITS.catchUpMaxOps) plus headroom, so a request that was in flight while a
 * few more ops committed is still answered from memory.
 */
export const RECENT_OPS_KEPT = LIMITS.catchUpMaxOps + 100;

/**
 * And at most this many stroke points in all (~50 MB of heap as parsed arrays), so a run of
 * maximal strokes cannot pin 600 of them. A catch-up reaching behind a window trimmed this way
 * would be far larger than READ_LIMITS.catchUpMaxBytes anyway: it is sent to the snapshot.
 */
export const RECENT_POINTS_KEPT = 1_000_000;

/** What a catch-up from memory gives: the ops, or why memory cannot answer. */
export type RecentSlice = CommittedOp[] | 'missing' | 'heavy';

/** How heavy an op is to keep: its stroke points (the rest is small). */
function pointsOf(c: CommittedOp): number {
  const op = c.op;
  if (op.kind !== 'add' && op.kind !== 'replace') return 0;
  let n = 0;
  for (const o of op.objects) if ('points' in o && Array.isArray(o.points)) n += o.points.length;
  return n;
}

/** A run of consecutive ops: `ops[i].seq === from + 1 + i`. */
interface OpWindow {
  from: number;
  ops: CommittedOp[];
  points: number;
  /** Trimmed for its points: ops before `from` were too heavy to keep, not merely old. */
  heavy: boolean;
}

/**
 * Per board, the newest committed ops as they were validated at commit time (or read once
 * from the store), so catch-up replies are slices of memory, never a fresh read and parse of
 * the log. A window only ever holds a gapless run that ends at the board's cached seq; any
 * doubt (a gap, a reload) drops it, and the next request fills it again from the store.
 */
export class RecentOps {
  readonly #windows = new Map<string, OpWindow>();

  /** After a commit (or a replay of another node's op) that moved the board's seq by one. */
  append(boardId: string, committed: CommittedOp): void {
    const w = this.#windows.get(boardId);
    if (!w) return;
    if (committed.seq !== w.from + w.ops.length + 1) {
      this.#windows.delete(boardId);
      return;
    }
    w.ops.push(committed);
    w.points += pointsOf(committed);
    trim(w);
  }

  /** Replaces the window with ops just read from the store, ending at the board's seq. */
  fill(boardId: string, ops: CommittedOp[], seq: number): void {
    const first = ops[0];
    const from = first ? first.seq - 1 : seq;
    const gapless = ops.every((c, i) => c.seq === from + 1 + i) && from + ops.length === seq;
    if (!gapless) {
      this.#windows.delete(boardId);
      return;
    }
    const w: OpWindow = { from, ops, points: 0, heavy: false };
    for (const c of ops) w.points += pointsOf(c);
    trim(w);
    this.#windows.set(boardId, w);
  }

  /** The ops with since < seq <= upTo, or why the window cannot give all of them. */
  slice(boardId: string, since: number, upTo: number): RecentSlice {
    const w = this.#windows.get(boardId);
    if (!w || upTo > w.from + w.ops.length) return 'missing';
    if (since < w.from) return w.heavy ? 'heavy' : 'missing';
    return w.ops.slice(since - w.from, upTo - w.from);
  }

  forget(boardId: string): void {
    this.#windows.delete(boardId);
  }
}

function trim(w: OpWindow): void {
  let drop = 0;
  // By count in steps of a hundred (one splice per hundred commits), by points at once.
  if (w.ops.length > RECENT_OPS_KEPT + 100) drop = w.ops.length - RECENT_OPS_KEPT;
  for (let i = 0; i < drop; i++) w.points -= pointsOf(w.ops[i] as CommittedOp);
  while (w.points > RECENT_POINTS_KEPT && drop < w.ops.length - 1) {
    w.points -= pointsOf(w.ops[drop] as CommittedOp);
    drop++;
    w.heavy = true;
  }
  if (drop === 0) return;
  w.ops.splice(0, drop);
  w.from += drop;
}

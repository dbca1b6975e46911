import type { Path } from 'fabric';
import type { Vec2 } from '../../../shared/geometry/outline';
import { unpackRanks, type RankReply, type RankRequest } from './outline-rank-job';
import { shapeSource } from './outline-path';
import { RANK_FLOOR, RankedOutline } from './path-detail';
import { rankWorker } from './rank-worker-start';

/**
 * Stroke outlines ranked for the zoomed-out view (path-detail.ts) on a worker thread while
 * the page builds the rest of a board. Ranking 5,000 outlines is ~150 ms of a late viewer's
 * first paint on its own thread; the worker does it beside the build, on another core.
 *
 * Only bulk builds go there (a snapshot, an import, a replay jump): a batch is sent once
 * BATCH paths were built in one turn. A live stroke or two is ranked where it is painted, as
 * before, so no frame of the live show waits for a worker. A frame that would paint while
 * ranks are on their way waits for them, at most MAX_WAIT_MS; after that, or when the worker
 * cannot start or fails, the painter ranks on its own thread: the same code, so the same
 * pixels.
 */

const BATCH = 128;
const MAX_WAIT_MS = 250;
/** 8,192 outlines: more than a full board's. */
const MAX_BATCHES_WAITING = 64;

interface Entry {
  path: Path;
  source: object;
}

/** Outlines of one batch, packed as they are built (see RankRequest). */
class Batch {
  /** Grown as outlines come: a live stroke's lone outline needs a few kilobytes, not a batch's. */
  points = new Float64Array(0);
  length = 0;
  readonly starts: number[] = [];
  readonly offsets: number[] = [];
  readonly entries: Entry[] = [];

  add(path: Path, outline: readonly Vec2[]): void {
    const n = outline.length;
    if (this.length + 2 * n > this.points.length) {
      const grown = new Float64Array(Math.max(this.points.length * 2, this.length + 2 * n, 4096));
      grown.set(this.points.subarray(0, this.length));
      this.points = grown;
    }
    this.starts.push(this.length / 2);
    for (let i = 0; i < n; i++) {
      const p = outline[i] as Vec2;
      this.points[this.length++] = p[0];
      this.points[this.length++] = p[1];
    }
    this.offsets.push(path.pathOffset.x, path.pathOffset.y);
    this.entries.push({ path, source: shapeSource(path) });
  }

  request(id: number): RankRequest {
    return {
      id,
      floor: RANK_FLOOR,
      points: this.points.slice(0, this.length),
      starts: Int32Array.from([...this.starts, this.length / 2]),
      offsets: Float64Array.from(this.offsets),
    };
  }
}

const ranked = new WeakMap<Path, { source: object; outline: RankedOutline }>();
/** Batches sent and not answered yet, by id. */
const waiting = new Map<number, Entry[]>();
let batch = new Batch();
let sentThisTurn = false;
let flushQueued = false;
let nextBatch = 1;
/** undefined: not started yet; null: unavailable (no Worker, failed to start or failed). */
let worker: Worker | null | undefined;
/** When a frame first waited for the ranks now on their way (0: none waits). */
let waitedSince = 0;
const onSettled: (() => void)[] = [];
let rankedOffThread = 0;

function startWorker(): Worker | null {
  if (worker !== undefined) return worker;
  worker = rankWorker();
  if (!worker) return null;
  worker.onmessage = (e: MessageEvent<RankReply>) => {
    const reply = e.data;
    const entries = waiting.get(reply.id);
    if (!entries) return;
    waiting.delete(reply.id);
    entries.forEach((entry, i) => {
      // Reshaped since (the path holds other commands now): these ranks are of the old ones.
      if (shapeSource(entry.path) !== entry.source) return;
      ranked.set(entry.path, {
        source: entry.source,
        outline: RankedOutline.fromParts(unpackRanks(reply, i)),
      });
      rankedOffThread++;
    });
    settle();
  };
  worker.onerror = () => {
    worker?.terminate();
    worker = null;
    waiting.clear();
    settle();
  };
  return worker;
}

function settle(): void {
  if (waiting.size > 0) return;
  waitedSince = 0;
  for (const f of onSettled.splice(0)) f();
}

function send(): void {
  const full = batch;
  batch = new Batch();
  const w = startWorker();
  // A worker this far behind (or hung) is not helping: these are ranked where painted, and
  // the paths its unanswered batches name stay bounded.
  if (!w || waiting.size >= MAX_BATCHES_WAITING) return;
  const id = nextBatch++;
  waiting.set(id, full.entries);
  const request = full.request(id);
  w.postMessage(request, [request.points.buffer, request.starts.buffer, request.offsets.buffer]);
}

function endOfTurn(): void {
  flushQueued = false;
  // A turn that built fewer than a batch is a live stroke or an edit: ranked where painted.
  if (sentThisTurn && batch.entries.length > 0) send();
  else batch = new Batch();
  sentThisTurn = false;
}

/**
 * A stroke's outline path was just built: its ranks may be worked out off this thread.
 * `outline` is what it is drawn from (outline-path.ts), `path.pathOffset` set.
 */
export function rankLater(path: Path, outline: readonly Vec2[]): void {
  if (worker === null) return;
  batch.add(path, outline);
  if (batch.entries.length >= BATCH) {
    send();
    sentThisTurn = true;
  }
  if (!flushQueued) {
    flushQueued = true;
    queueMicrotask(endOfTurn);
  }
}

/** The path's ranked outline from the worker, if it came for the commands the path has now. */
export function rankedElsewhere(path: Path): RankedOutline | null {
  const r = ranked.get(path);
  if (!r) return null;
  ranked.delete(path);
  return r.source === shapeSource(path) ? r.outline : null;
}

/**
 * Whether a frame should wait for ranks on their way; `then` is called once they are in (or
 * the worker gave up). False once frames have waited MAX_WAIT_MS for them.
 */
export function waitForRanks(then: () => void): boolean {
  if (waiting.size === 0) return false;
  const t = performance.now();
  if (waitedSince === 0) waitedSince = t;
  else if (t - waitedSince > MAX_WAIT_MS) return false;
  onSettled.push(then);
  if (onSettled.length === 1) {
    setTimeout(() => {
      // Still not in: let the frame go; the painter ranks what is missing itself.
      for (const f of onSettled.splice(0)) f();
    }, MAX_WAIT_MS);
  }
  return true;
}

/**
 * Starts the worker now, before the board's records are built: a worker starts only once the
 * page's thread is free, so one started at the first batch of a build would begin after the
 * whole build (the entry starts it earlier still: rank-worker-start.ts).
 */
export function prepareRanking(): void {
  startWorker();
}

/** How many outlines were ranked by the worker so far (the browser tests read it). */
export function outlinesRankedOffThread(): number {
  return rankedOffThread;
}

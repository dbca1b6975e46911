import { LIMITS, WRITER_LIMITS } from '../../shared/limits';
import type { BoardObject } from '../../shared/objects/board-object';
import { carriedPoints, recordPoints } from '../../shared/op-points';
import type { Op } from '../../shared/ops';

/** Other content is charged a unit per this many bytes: about what one point takes as JSON. */
const BYTES_PER_UNIT = 16;

/** Rough JSON size of a value without its points (counted apart): strings, numbers, keys. */
function bytesOf(value: unknown): number {
  if (typeof value === 'string') return value.length + 2;
  if (typeof value !== 'object' || value === null) return 8;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + bytesOf(v) + 1, 2);
  let n = 2;
  for (const [k, v] of Object.entries(value)) if (k !== 'points') n += k.length + 4 + bytesOf(v);
  return n;
}

/**
 * What one checked op costs to store and send: its points (new records', points a patch sets,
 * and the points of every record a patch stores whole again) and a unit per 16 bytes of the
 * rest. `objects`: the board as the server holds it, for the records a patch changes.
 */
export function opCost(op: Op, objects: ReadonlyMap<string, BoardObject> | undefined): number {
  let units = carriedPoints(op) + Math.ceil(bytesOf(op) / BYTES_PER_UNIT);
  if (op.kind === 'patch') {
    for (const { id } of op.patches) {
      const record = objects?.get(id);
      if (record) units += recordPoints(record) + Math.ceil(bytesOf(record) / BYTES_PER_UNIT);
    }
  }
  return units;
}

/**
 * What an op as received claims to carry, before it is checked: the lengths of its records'
 * point arrays (and of points a patch sets), at most one full op's worth. A few property reads
 * per record, so a sender out of budget is refused without its points being checked.
 */
export function claimedCost(raw: unknown): number {
  return Math.min(1 + claimedPoints(raw), LIMITS.pointsPerOp);
}

/** The point-array lengths an op as received claims, uncapped (past the cap it is never legal). */
export function claimedPoints(raw: unknown): number {
  if (typeof raw !== 'object' || raw === null) return 0;
  const { objects, patches } = raw as { objects?: unknown; patches?: unknown };
  let n = 0;
  const add = (items: unknown, field: 'points' | 'set') => {
    if (!Array.isArray(items)) return;
    for (const item of items.slice(0, LIMITS.patchesPerOp)) {
      const holder = (item as Record<string, unknown> | null)?.[field];
      const points = field === 'set' ? (holder as Record<string, unknown> | null)?.['points'] : holder;
      if (Array.isArray(points)) n += points.length;
    }
  };
  add(objects, 'points');
  add(patches, 'set');
  return n;
}

/** A token bucket charged by cost, that can be asked before it is charged. */
export class CostBucket {
  #tokens: number;
  #last: number;
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;

  constructor(limit: { perSecond: number; burst: number }, now: () => number = () => performance.now()) {
    this.#rate = limit.perSecond / 1000;
    this.#burst = limit.burst;
    this.#tokens = limit.burst;
    this.#now = now;
    this.#last = now();
  }

  has(cost: number): boolean {
    const t = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (t - this.#last) * this.#rate);
    this.#last = t;
    // A cost above the burst (cannot happen within LIMITS.pointsPerOp) waits for a full bucket.
    return this.#tokens >= Math.min(cost, this.#burst);
  }

  charge(cost: number): void {
    this.#tokens -= cost;
  }
}

/**
 * The writers' cost budgets: one bucket per socket and one per key (a board's edit key, or the
 * organiser's token on that board), shared by every socket that holds it, so opening more
 * tabs buys no more. An op is charged to both or to neither.
 */
export class WriterCosts {
  readonly #perKey = new Map<string, CostBucket>();
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  socketBucket(): CostBucket {
    return new CostBucket(WRITER_LIMITS.cost, this.#now);
  }

  /** True (and charged) when both buckets hold the cost; false refuses the op (rate_limited). */
  take(socket: CostBucket, key: string, cost: number): boolean {
    if (!this.has(socket, key, cost)) return false;
    this.charge(socket, key, cost);
    return true;
  }

  /** Whether both buckets hold the cost, charging nothing. */
  has(socket: CostBucket, key: string, cost: number): boolean {
    return socket.has(cost) && this.#keyBucket(key).has(cost);
  }

  /**
   * Charges both buckets whatever they hold: an op refused as invalid was received and looked
   * at all the same, so sending bad ones costs as much as sending good ones.
   */
  charge(socket: CostBucket, key: string, cost: number): void {
    socket.charge(cost);
    this.#keyBucket(key).charge(cost);
  }

  #keyBucket(key: string): CostBucket {
    let shared = this.#perKey.get(key);
    if (!shared) {
      // One entry per board and role that has had a writer: bounded by the boards themselves.
      shared = new CostBucket(WRITER_LIMITS.costPerKey, this.#now);
      this.#perKey.set(key, shared);
    }
    return shared;
  }
}

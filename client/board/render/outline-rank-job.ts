import type { Vec2 } from '../../../shared/geometry/outline';
import { RankedOutline, type RankedParts } from './path-detail';

/**
 * A batch of stroke outlines to rank, packed: one typed array per field, not per outline, as
 * every typed array costs a backing store to make and to pass between threads.
 */
export interface RankRequest {
  /** Names the batch in the reply. */
  id: number;
  floor: number;
  /** Every outline's x, y pairs, one after another. */
  points: Float64Array;
  /** Where outline i starts in `points` (in points, not numbers); n + 1 entries. */
  starts: Int32Array;
  /** Each outline's path offset: x, y. */
  offsets: Float64Array;
}

/** The ranked outlines of a batch, packed likewise (see `unpackRanks`). */
export interface RankReply {
  id: number;
  xy: Float64Array;
  rank: Float64Array;
  /** Where outline i starts in `rank` (and twice that in `xy`); n + 1 entries. */
  pointStarts: Int32Array;
  /** Every outline's subpaths as RankedParts holds them, one after another. */
  subpaths: Int32Array;
  /** Where outline i's triples start in `subpaths` (in triples); n + 1 entries. */
  subpathStarts: Int32Array;
}

/**
 * Ranks a batch exactly as the painter would on its own thread (`RankedOutline.fromOutline`),
 * so a board drawn from these ranks is pixel for pixel the board drawn without them.
 */
export function rankOutlines({ id, floor, points, starts, offsets }: RankRequest): RankReply {
  const n = starts.length - 1;
  const parts: RankedParts[] = [];
  for (let i = 0; i < n; i++) {
    const outline: Vec2[] = [];
    for (let p = starts[i] as number; p < (starts[i + 1] as number); p++) {
      outline.push([points[2 * p] as number, points[2 * p + 1] as number]);
    }
    const offset = { x: offsets[2 * i] as number, y: offsets[2 * i + 1] as number };
    parts.push(RankedOutline.fromOutline(outline, offset, floor).parts());
  }
  let pointCount = 0;
  let tripleCount = 0;
  for (const p of parts) {
    pointCount += p.rank.length;
    tripleCount += p.subpaths.length / 3;
  }
  const reply: RankReply = {
    id,
    xy: new Float64Array(pointCount * 2),
    rank: new Float64Array(pointCount),
    pointStarts: new Int32Array(n + 1),
    subpaths: new Int32Array(tripleCount * 3),
    subpathStarts: new Int32Array(n + 1),
  };
  let pAt = 0;
  let sAt = 0;
  parts.forEach((p, i) => {
    reply.pointStarts[i] = pAt;
    reply.subpathStarts[i] = sAt;
    reply.xy.set(p.xy, pAt * 2);
    reply.rank.set(p.rank, pAt);
    reply.subpaths.set(p.subpaths, sAt * 3);
    pAt += p.rank.length;
    sAt += p.subpaths.length / 3;
  });
  reply.pointStarts[n] = pAt;
  reply.subpathStarts[n] = sAt;
  return reply;
}

/** Outline i of a reply, as views into the reply's arrays (no copy). */
export function unpackRanks(reply: RankReply, i: number): RankedParts {
  const p0 = reply.pointStarts[i] as number;
  const p1 = reply.pointStarts[i + 1] as number;
  const s0 = reply.subpathStarts[i] as number;
  const s1 = reply.subpathStarts[i + 1] as number;
  return {
    xy: reply.xy.subarray(2 * p0, 2 * p1),
    rank: reply.rank.subarray(p0, p1),
    subpaths: reply.subpaths.subarray(3 * s0, 3 * s1),
  };
}

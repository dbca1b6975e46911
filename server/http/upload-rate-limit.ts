import type { Request } from 'express';
import { LIMITS } from '../../shared/limits';
import { CostBucket } from '../socket/writer-cost';

/**
 * Upload bytes per board, whoever sends them: four photos at the size limit at once (a
 * recorder pasting a few pictures), then 2 MB a second, each upload counted as at least
 * `minBytes` (32 small images at once, then two a second). Each upload costs the serving
 * thread copies, a hash, a store write and the garbage they leave (the collector's pauses
 * reached 30-40 ms under a stream of 0.5 MB uploads); a recorder key looping on uploads took
 * that many times a second from the live board.
 */
export const UPLOAD_RATE = {
  perSecond: 2 * 1024 * 1024,
  burst: 4 * LIMITS.imageBytes,
  minBytes: 1024 * 1024,
} as const;

/** True (and charged) when the board's bucket holds this upload, judged by its Content-Length. */
export function uploadRateLimit(limit: typeof UPLOAD_RATE = UPLOAD_RATE) {
  const buckets = new Map<string, CostBucket>();
  return (req: Request, boardId: string): boolean => {
    let bucket = buckets.get(boardId);
    if (!bucket) {
      bucket = new CostBucket(limit);
      buckets.set(boardId, bucket);
    }
    // No length (chunked) is charged as the largest upload allowed.
    const length = Number(req.get('content-length'));
    const declared =
      Number.isFinite(length) && length > 0 ? Math.min(length, LIMITS.imageBytes) : LIMITS.imageBytes;
    const cost = Math.max(declared, limit.minBytes);
    if (!bucket.has(cost)) return false;
    bucket.charge(cost);
    return true;
  };
}

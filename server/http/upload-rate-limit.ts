import type { Request } from 'express';
import { LIMITS } from '../../shared/limits';
import { CostBucket } from '../socket/writer-cost';

/**
 * Upload bytes per board, whoever sends them: ten photos at the size limit at once (a recorder
 * pasting a handful of pictures), then 2 MB a second. Each upload costs the serving thread a
 * copy to the image-check process, a hash and a store write (about 20 ms for 8 MB here); a
 * recorder key looping on uploads took that many times a second from the live board.
 */
export const UPLOAD_RATE = { perSecond: 2 * 1024 * 1024, burst: 10 * LIMITS.imageBytes } as const;

/** True (and charged) when the board's bucket holds this upload, judged by its Content-Length. */
export function uploadRateLimit(limit: { perSecond: number; burst: number } = UPLOAD_RATE) {
  const buckets = new Map<string, CostBucket>();
  return (req: Request, boardId: string): boolean => {
    let bucket = buckets.get(boardId);
    if (!bucket) {
      bucket = new CostBucket(limit);
      buckets.set(boardId, bucket);
    }
    // No length (chunked) is charged as the largest upload allowed.
    const length = Number(req.get('content-length'));
    const cost =
      Number.isFinite(length) && length > 0 ? Math.min(length, LIMITS.imageBytes) : LIMITS.imageBytes;
    if (!bucket.has(cost)) return false;
    bucket.charge(cost);
    return true;
  };
}

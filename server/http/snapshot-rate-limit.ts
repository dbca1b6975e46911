import type { Request } from 'express';
import { CLIENT_ID_HEADER } from '../../shared/client-id-header';
import { isId } from '../../shared/ids';
import { READ_LIMITS } from '../../shared/limits';
import { KeyedBuckets } from '../socket/keyed-buckets';

/**
 * Snapshot requests per client id (the page's header), never per IP or key: a hall shares one
 * NAT address and one view key. Requests without an id (scripts, old pages) share a larger
 * bucket per board. Whatever gets through is served from the encode-once cache, so this only
 * keeps one client from taking more than its share of the sending. True: serve it.
 */
export function snapshotRateLimit(): (req: Request, boardId: string) => boolean {
  const perClient = new KeyedBuckets(READ_LIMITS.snapshotPerClient);
  const anonymous = new KeyedBuckets(READ_LIMITS.snapshotAnonymous);
  return (req, boardId) => {
    const clientId = req.get(CLIENT_ID_HEADER);
    return isId(clientId) ? perClient.take(`${boardId}\n${clientId}`) : anonymous.take(boardId);
  };
}

import { READ_LIMITS } from '../../shared/limits';
import type { SyncReply } from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import { shareReply, sharedReplyBytes } from './shared-frames';

/**
 * A catch-up reply as it is sent: one with ops is shared (encoded once for every socket that
 * gets the same object from the writer's cache), and one too large for a socket's send budget
 * sends the client to the HTTP snapshot instead.
 */
export function sentSyncReply(reply: SyncReply): { reply: SyncReply; bytes: number } {
  /** Small replies: what they weigh against a send budget is negligible. */
  const small = { reply, bytes: 64 };
  if (!reply.ok || reply.ops.length === 0) return small;
  shareReply(reply);
  const bytes = sharedReplyBytes(reply);
  if (bytes > READ_LIMITS.catchUpMaxBytes)
    return { ...small, reply: { ok: false, reason: REJECT.snapshotRequired, seq: reply.seq } };
  return { reply, bytes };
}

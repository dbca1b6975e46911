import type { Viewport } from '../../shared/ephemeral';
import type { Presence } from '../../shared/protocol';

/**
 * What grareco nodes tell each other through the adapter (io.serverSideEmit). Payloads come
 * from our own nodes, but they still cross a network: every handler checks their shape.
 */
export interface InterServerEvents {
  /** A board's meta or keys changed through that node: drop what the cache holds of it. */
  boardChanged: (boardId: string) => void;
  /** The sender's own connection counts per board, all of them; repeated as a heartbeat. */
  presence: (nodeId: string, counts: Record<string, Presence>) => void;
  /** The recorder's latest viewport, for late joiners on every node. */
  viewport: (boardId: string, viewport: Viewport) => void;
}

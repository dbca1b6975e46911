import type { Op } from '../../shared/ops';

/**
 * Where the outbox keeps unacknowledged ops so they outlive the page (IndexedDB in the
 * browser: op-queue.ts). Every method resolves to whether the device really kept the change
 * and never rejects, so drawing goes on even when storage does not work.
 */
export interface OpStore {
  /** The board's stored ops, oldest first. */
  load(): Promise<Op[]>;
  /** Keeps an op; an op id already stored (another tab, a replay) is kept once. */
  add(op: Op): Promise<boolean>;
  /** Forgets an op the server has answered for good (committed, or refused). */
  remove(opId: string): Promise<boolean>;
}

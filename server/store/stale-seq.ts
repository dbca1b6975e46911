/**
 * A commit refused because another writer got there first: the board's seq in the store is
 * past the one the op was planned on, or the op id is already in the log. Only a store shared
 * by several processes (PostgreSQL) throws it; the board service then catches its cache up
 * from the log and plans the op again.
 */
export class StaleSeqError extends Error {
  readonly storeSeq: number;

  constructor(boardId: string, storeSeq: number, detail: string) {
    super(`board ${boardId}: ${detail} (store seq ${storeSeq})`);
    this.name = 'StaleSeqError';
    this.storeSeq = storeSeq;
  }
}

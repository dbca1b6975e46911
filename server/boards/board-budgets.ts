/**
 * What one board may hold. A dense 2.5-hour event (a 150-point stroke every second) logs about
 * 22 MB of ops, and the seminar of tests/helpers/seminar-log.ts 76 kB; the log budget is ten
 * times the dense event. Uploads: a few dozen speaker photos and logos at most.
 */
export interface BoardBudgets {
  /** Bytes of op log (the JSON of every op, as stored) past which ops are refused (board_full). */
  logBytes: number;
  /** Bytes of uploaded images past which uploads are refused (board_full). */
  assetBytes: number;
}

const MB = 1024 * 1024;

export const DEFAULT_BOARD_BUDGETS: BoardBudgets = {
  logBytes: 256 * MB,
  assetBytes: 200 * MB,
} as const;

/** The JSON an op is stored as, and its size in bytes: counted once, stored as it is. */
export function opJsonOf(op: unknown): { json: string; bytes: number } {
  const json = JSON.stringify(op);
  return { json, bytes: Buffer.byteLength(json) };
}

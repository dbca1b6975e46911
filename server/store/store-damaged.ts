/**
 * The database file itself is damaged (a page overwritten, the file cut short): SQLite answers
 * SQLITE_CORRUPT or SQLITE_NOTADB. Nothing more is written where this was seen, so the damage
 * does not spread and the backup stays the way back; the operator is told what to do.
 */
export class StoreDamagedError extends Error {
  readonly file: string;
  /** The board whose pages were found damaged; undefined when it is the file as a whole. */
  readonly boardId: string | undefined;

  constructor(file: string, detail: string, boardId?: string) {
    super(`${file} is damaged${boardId ? ` (board ${boardId})` : ''}: ${detail}`);
    this.name = 'StoreDamagedError';
    this.file = file;
    this.boardId = boardId;
  }
}

/** SQLite's result codes for a damaged file, extended codes included (SQLITE_CORRUPT_INDEX…). */
export function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

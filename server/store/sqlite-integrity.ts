import type Database from 'better-sqlite3';
import { StoreDamagedError, isCorruption } from './store-damaged';

/**
 * SQLite's quick_check: every page of every b-tree is read and its structure checked (not the
 * slower cross-check of indexes against rows that integrity_check adds). On a 460 MB store it
 * takes about a third of a second, paid once per start so that a damaged file is found before
 * the first op is acknowledged into it rather than by the recorder mid-show.
 */
export function checkIntegrity(db: Database.Database, file: string): void {
  let rows: unknown[];
  try {
    rows = db.pragma('quick_check(5)', { simple: false }) as unknown[];
  } catch (err) {
    if (isCorruption(err)) throw new StoreDamagedError(file, (err as Error).message);
    throw err;
  }
  const problems = rows.map((row) => String(Object.values(row as Record<string, unknown>)[0]));
  if (problems.length === 1 && problems[0] === 'ok') return;
  throw new StoreDamagedError(file, problems.join('; ').replace(/\s+/g, ' ').trim());
}

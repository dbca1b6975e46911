import { chmodSync } from 'node:fs';

/**
 * Makes files readable and writable by the owner only (0600), as the token files are. Set
 * after creation, not through the mode at open, so a loose umask changes nothing. SQLite
 * creates a database's -wal and -shm with the database file's mode; they may not exist yet,
 * which is fine. A file someone else owns (a volume prepared by root) keeps the mode its
 * owner gave it rather than stopping the start.
 */
export function ownerOnly(...paths: string[]): void {
  for (const path of paths) {
    try {
      chmodSync(path, 0o600);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EPERM') throw err;
    }
  }
}

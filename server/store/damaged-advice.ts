import type { BackupInfo } from './sqlite-backups';
import type { StoreDamagedError } from './store-damaged';

/** The one line printed when the store will not open: which file, and the way back. */
export function damagedStoreAdvice(err: StoreDamagedError, newest: BackupInfo | undefined): string {
  const restore = newest
    ? `restore the newest backup, ${newest.path} (taken ${new Date(newest.at).toISOString()})`
    : 'no backup was found in the backups folder beside it: restore one from your own copies';
  return (
    `grareco: not started: ${err.message.replace(/\s+/g, ' ')}. Nothing was written into it. ` +
    `Move it aside (with its -wal and -shm files) and ${restore} (README, runbook "The database is damaged")`
  );
}

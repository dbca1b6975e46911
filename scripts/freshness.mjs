// Plain JavaScript on purpose: `npm start` asks this before anything TypeScript is loaded.
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

/** Newest mtime under a path; directories count too, so a deleted file marks its folder. */
export function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when `stamp` exists and is newer than every input (paths relative to `root`). */
export function isFresh(root, stamp, inputs) {
  const built = join(root, stamp);
  if (!existsSync(built)) return false;
  const at = statSync(built).mtimeMs;
  return inputs.every((input) => newestMtime(join(root, input)) < at);
}

/** Dates a build by its start, so a source saved while it ran still counts as newer. */
export function stampAt(path, startedMs) {
  const at = new Date(startedMs);
  utimesSync(path, at, at);
}

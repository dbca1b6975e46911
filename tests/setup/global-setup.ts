import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = join(root, 'dist/client');
/** What the bundle is made from; a change to any of these makes dist/client stale. */
const INPUTS = ['client', 'shared', 'vite.config.ts', 'package.json', 'package-lock.json'];

/** Newest mtime under a path; directories count too, so a deleted file marks its folder. */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function isFresh(): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return INPUTS.every((input) => newestMtime(join(root, input)) < built);
}

/**
 * Builds the client once for the whole run, so browser tests load the same bundle that
 * `npm start` serves, and no test file pays for (or races on) its own build.
 * GRARECO_SKIP_BUILD=1 never builds; GRARECO_FORCE_BUILD=1 builds even when up to date.
 */
export async function setup(): Promise<void> {
  if (process.env.GRARECO_SKIP_BUILD === '1') {
    console.log('[global-setup] GRARECO_SKIP_BUILD=1: using the existing dist/client');
    return;
  }
  if (!existsSync(join(root, 'client/index.html'))) {
    // Nothing to build yet (early in the project); tests that need the client will say so.
    console.warn('[global-setup] client/index.html is missing: client build skipped');
    return;
  }
  if (process.env.GRARECO_FORCE_BUILD !== '1' && isFresh()) {
    console.log('[global-setup] dist/client is newer than its sources: build skipped');
    return;
  }
  const started = Date.now();
  // Build beside the live bundle and swap it in, so a test run that is serving dist/client
  // at this moment (another terminal, a watch run) never sees a half-written directory.
  const staging = `${outDir}.staging-${process.pid}`;
  // Vitest sets NODE_ENV=test; the client must be built as it ships, in production mode.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(root, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
    // Stamp the bundle with the build's start, so a source saved mid-build still counts as newer.
    const startedAt = new Date(started);
    utimesSync(join(staging, 'index.html'), startedAt, startedAt);
    const retired = `${outDir}.old-${process.pid}`;
    if (existsSync(outDir)) renameSync(outDir, retired);
    renameSync(staging, outDir);
    rmSync(retired, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
  console.log(`[global-setup] client built into dist/client in ${Date.now() - started} ms`);
}

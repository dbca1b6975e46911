import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `node scripts/build.mjs <target>`: builds the bundle only when it is older than its sources
 * (or `force`), with the freshness check `npm start` uses. A child process because vite reads
 * the build flag from the environment when it loads its config, and the caller's process keeps
 * its own (vitest's NODE_ENV=test).
 */
export function buildClientTarget(target: 'client' | 'client-test', force = false): void {
  const args = ['scripts/build.mjs', target, ...(force ? ['--force'] : [])];
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${target} build failed:\n${run.stdout}${run.stderr}`);
  const said = run.stdout.trim().split('\n').at(-1);
  console.log(`[client build] ${said || `dist/${target} is newer than its sources: build skipped`}`);
}

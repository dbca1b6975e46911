import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stampAt } from './freshness.mjs';
import { CLIENT, CLIENT_TEST } from './targets.mjs';

/**
 * Builds the client bundle quietly (warnings only: the organiser link must stay the last
 * thing `npm start` prints), beside the live one and swapped in, so a server serving
 * dist/client at this moment never sees a half-written directory. `test` builds the test
 * bundle (dist/client-test, with the browser test hook); otherwise the flag is forced off, so
 * a stray GRARECO_TEST_BUILD in the environment never puts the hook into production.
 */
export async function buildClient(root, { test = false } = {}) {
  const started = Date.now();
  const outDir = join(root, (test ? CLIENT_TEST : CLIENT).outDir);
  const staging = `${outDir}.staging-${process.pid}`;
  // vite.config.ts reads both when it is loaded; restored after, for callers that go on
  // (vitest's global setup runs with NODE_ENV=test).
  const previous = { NODE_ENV: process.env.NODE_ENV, GRARECO_TEST_BUILD: process.env.GRARECO_TEST_BUILD };
  process.env.NODE_ENV = 'production';
  process.env.GRARECO_TEST_BUILD = test ? '1' : '0';
  // Loaded only when a build is needed: importing vite alone costs a few hundred ms.
  const { build } = await import('vite');
  try {
    // No `root` here: an inline root overrides the config's (client/), where index.html is.
    await build({
      configFile: join(root, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
    stampAt(join(staging, 'index.html'), started);
    const retired = `${outDir}.old-${process.pid}`;
    if (existsSync(outDir)) renameSync(outDir, retired);
    renameSync(staging, outDir);
    rmSync(retired, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return Date.now() - started;
}

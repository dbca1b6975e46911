import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stampAt } from './freshness.mjs';
import { CLIENT } from './targets.mjs';

/**
 * Builds the client bundle quietly (warnings only: the organiser link must stay the last
 * thing `npm start` prints), beside the live one and swapped in, so a server serving
 * dist/client at this moment never sees a half-written directory.
 */
export async function buildClient(root) {
  const started = Date.now();
  const outDir = join(root, CLIENT.outDir);
  const staging = `${outDir}.staging-${process.pid}`;
  process.env.NODE_ENV = 'production';
  // Loaded only when a build is needed: importing vite alone costs a few hundred ms.
  const { build } = await import('vite');
  try {
    await build({
      root,
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
  }
  return Date.now() - started;
}

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds the client once for the whole run, so browser tests load the same bundle that
 * `npm start` serves, and no test file pays for (or races on) its own build.
 * GRARECO_SKIP_BUILD=1 skips it when dist/client is known to be fresh.
 */
export async function setup(): Promise<void> {
  if (process.env.GRARECO_SKIP_BUILD === '1') {
    console.log('[global-setup] GRARECO_SKIP_BUILD=1: using the existing dist/client');
    return;
  }
  if (!existsSync(`${root}client/index.html`)) {
    // Nothing to build yet (early in the project); tests that need the client will say so.
    console.warn('[global-setup] client/index.html is missing: client build skipped');
    return;
  }
  const started = Date.now();
  // Vitest sets NODE_ENV=test; the client must be built as it ships, in production mode.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: `${root}vite.config.ts`, mode: 'production', logLevel: 'warn' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
  console.log(`[global-setup] client built into dist/client in ${Date.now() - started} ms`);
}

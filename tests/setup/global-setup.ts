import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClientTarget } from '../helpers/client-build';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Builds the test client (dist/client-test: the production build with the browser test hook
 * compiled in) once for the whole run, so no test file pays for (or races on) its own build.
 * GRARECO_SKIP_BUILD=1 never builds; GRARECO_FORCE_BUILD=1 builds even when up to date.
 */
export async function setup(): Promise<void> {
  if (process.env.GRARECO_SKIP_BUILD === '1') {
    console.log('[global-setup] GRARECO_SKIP_BUILD=1: using the existing dist/client-test');
    return;
  }
  if (!existsSync(join(root, 'client/index.html'))) {
    // Nothing to build yet (early in the project); tests that need the client will say so.
    console.warn('[global-setup] client/index.html is missing: client build skipped');
    return;
  }
  buildClientTarget('client-test', process.env.GRARECO_FORCE_BUILD === '1');
}

import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * GRARECO_TEST_BUILD=1 is the test build: the read-only browser test hook (window.__grareco)
 * is compiled in and the bundle goes to dist/client-test. Any other build folds the flag to
 * false, so the hook's modules are dropped from the production bundle.
 */
const testBuild = process.env.GRARECO_TEST_BUILD === '1';

export default defineConfig({
  root: `${root}client`,
  plugins: [svelte()],
  define: {
    __GRARECO_TEST_HOOK__: JSON.stringify(testBuild),
  },
  build: {
    outDir: `${root}dist/${testBuild ? 'client-test' : 'client'}`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    root,
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    globalSetup: ['tests/setup/global-setup.ts'],
    // Browser and crash tests spawn servers and Chromium; two cores cannot run many at once.
    maxWorkers: 2,
  },
});

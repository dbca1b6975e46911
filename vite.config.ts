import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * GRARECO_TEST_BUILD=1 is the test build: the read-only browser test hook (window.__grareco)
 * is compiled in and the bundle goes to dist/client-test. Any other build folds the flag to
 * false, so the hook's modules are dropped from the production bundle.
 */
const testBuild = process.env.GRARECO_TEST_BUILD === '1';

/**
 * Every page is a chunk of its own (client/pages/page-loaders.ts), so the entry runs early and
 * a phone asks for the board's fonts and snapshot at once. The viewer's chunks are named in
 * index.html as modulepreload (its styles as preload) so that a phone on the hall's Wi-Fi
 * fetches them beside the entry, not one round trip after it. Every page gets these links
 * (index.html is one file): the recorder uses most of the same code, and the organiser's and
 * the projector's machines sit on a good link.
 */
function preloadAudiencePages(): Plugin {
  const pages = ['/pages/ViewerPage.svelte'];
  return {
    name: 'grareco-preload-audience-pages',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return [];
        /** A chunk and every chunk it imports statically, with their styles. */
        const closure = (files: readonly string[]) => {
          const scripts = new Set<string>();
          const styles = new Set<string>();
          const visit = (file: string) => {
            const chunk = bundle[file];
            if (!chunk || chunk.type !== 'chunk' || scripts.has(file)) return;
            scripts.add(file);
            for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css);
            chunk.imports.forEach(visit);
          };
          files.forEach(visit);
          return { scripts, styles };
        };
        const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const page = closure(
          chunks.filter((c) => pages.some((p) => c.facadeModuleId?.endsWith(p))).map((c) => c.fileName),
        );
        // What the entry imports, and its styles, Vite links already.
        const entry = closure(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
        const scripts = [...page.scripts].filter((f) => !entry.scripts.has(f));
        const styles = [...page.styles].filter((f) => !entry.styles.has(f));
        return [
          ...scripts.map((f) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: '', href: `/${f}` },
            injectTo: 'head' as const,
          })),
          ...styles.map((f) => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'style', crossorigin: '', href: `/${f}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}

/**
 * shell-assets.json: every script and stylesheet of the build, for the service worker
 * (client/public/sw.js) to keep, so the recorder page opens offline with its own chunk too.
 * Fonts are left out (hundreds of slices): they are kept as the page loads them.
 */
function listShellAssets(): Plugin {
  return {
    name: 'grareco-shell-assets',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => /^assets\/.+\.(?:js|css)$/.test(f))
        .sort()
        .map((f) => `/${f}`);
      this.emitFile({ type: 'asset', fileName: 'shell-assets.json', source: JSON.stringify(files) });
    },
  };
}

export default defineConfig({
  root: `${root}client`,
  plugins: [svelte(), preloadAudiencePages(), listShellAssets()],
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

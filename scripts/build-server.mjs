import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { stampAt } from './freshness.mjs';
import { SERVER } from './targets.mjs';

/**
 * Packages left to Node at run time: native addons (better-sqlite3, resvg), packages that
 * read their own files beside them (pdfkit's font metrics), and the scale-out drivers loaded
 * only when configured (pg, ioredis and the Redis adapter stay out of every other start).
 */
export const EXTERNAL = [
  'better-sqlite3',
  '@resvg/resvg-js',
  'pdfkit',
  'pg',
  'ioredis',
  '@socket.io/redis-adapter',
  'bufferutil',
  'utf-8-validate',
];

/**
 * CommonJS packages inside an ES module bundle still call `require` for Node's built-ins;
 * give them one. `__dirname` is the bundle's folder (the bundled packages that use it do so
 * only for features grareco turns off, such as Socket.IO serving its own client).
 */
const BANNER = [
  "import { createRequire as __grarecoRequire } from 'node:module';",
  "import { dirname as __grarecoDirname } from 'node:path';",
  "import { fileURLToPath as __grarecoPath } from 'node:url';",
  'const require = __grarecoRequire(import.meta.url);',
  'const __filename = __grarecoPath(import.meta.url);',
  'const __dirname = __grarecoDirname(__filename);',
].join('\n');

/**
 * Bundles server entries, with shared/ and the pure-JavaScript packages they use, into one
 * ES module each. Loading one file instead of some hundreds (express and zod alone are ~200
 * modules) is most of what separates a start from "healthy" on a small machine.
 */
export async function bundleServer(root, entries, outDir) {
  await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir: resolve(root, outDir),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    splitting: false,
    sourcemap: true,
    external: EXTERNAL,
    banner: { js: BANNER },
    logLevel: 'warning',
    legalComments: 'none',
  });
}

/**
 * The server as `npm start` runs it: the supervisor, the server process it forks (main.js
 * beside it), the export process (export-child.js beside that), the font subset process
 * (subset-child.js, beside it too) and the image-check process (image-check-child.js). Type errors are not this
 * build's business (esbuild strips types); `npm run check` reports them.
 */
export async function buildServer(root) {
  const started = Date.now();
  const outDir = join(root, SERVER.outDir);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await bundleServer(
    root,
    {
      'supervisor-main': 'server/supervisor-main.ts',
      main: 'server/main.ts',
      'export-child': 'server/export/export-child.ts',
      'subset-child': 'server/fonts/subset-child.ts',
      'image-check-child': 'server/assets/image-check-child.ts',
    },
    SERVER.outDir,
  );
  const stamp = join(root, SERVER.stamp);
  writeFileSync(stamp, '');
  stampAt(stamp, started);
  return Date.now() - started;
}

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { stampAt } from './freshness.mjs';
import { SERVER } from './targets.mjs';

/** `from './x'`, `import './x'`, `import('./x')`: relative specifiers without an extension. */
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*)\2/g;

function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return jsFiles(path);
    return e.name.endsWith('.js') ? [path] : [];
  });
}

/**
 * The sources import `./config`, as bundlers and tsx allow; Node's ESM loader wants the file
 * itself. Each emitted relative specifier gets `.js` (or `/index.js`) when that file exists.
 */
export function addExtensions(outDir) {
  for (const file of jsFiles(outDir)) {
    const text = readFileSync(file, 'utf8');
    const fixed = text.replace(SPECIFIER, (whole, lead, quote, spec) => {
      if (/\.(m?js|cjs|json)$/.test(spec)) return whole;
      const target = resolve(dirname(file), spec);
      if (existsSync(`${target}.js`)) return `${lead}${quote}${spec}.js${quote}`;
      if (existsSync(join(target, 'index.js'))) return `${lead}${quote}${spec}/index.js${quote}`;
      return whole;
    });
    if (fixed !== text) writeFileSync(file, fixed);
  }
}

/**
 * Compiles server/ and shared/ to JavaScript (tsconfig.server.json, incremental), so
 * `npm start` runs plain Node rather than a TypeScript loader. Type errors do not stop the
 * build (that is `npm run check`'s job) but are reported.
 */
export function buildServer(root) {
  const started = Date.now();
  const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.server.json')], {
    cwd: root,
    encoding: 'utf8',
  });
  const outDir = join(root, SERVER.outDir);
  const stamp = join(root, SERVER.stamp);
  if (!existsSync(join(root, SERVER.entry))) {
    throw new Error(`server build failed:\n${run.stdout}${run.stderr}`);
  }
  if (run.status !== 0) {
    const errors = (run.stdout.match(/error TS\d+/g) ?? []).length;
    console.warn(`server build: ${errors} type error(s), emitted anyway (see \`npm run check\`)`);
  }
  addExtensions(outDir);
  writeFileSync(stamp, '');
  stampAt(stamp, started);
  return Date.now() - started;
}

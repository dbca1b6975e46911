import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileServer } from '../helpers/server-process';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The process that serves the sockets must not even load the native and heavy renderers: a
 * native module's load and its memory belong to the export process alone.
 */
describe('what the live server loads', () => {
  it('loads neither resvg nor pdfkit nor fontkit when it starts', () => {
    const script = `
      import { createRequire } from 'node:module';
      await import(${JSON.stringify(`${root}server/start.ts`)});
      const require = createRequire(import.meta.url);
      console.log(JSON.stringify(Object.keys(require.cache)));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    const loaded = JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as string[];
    expect(loaded.length).toBeGreaterThan(20);
    expect(loaded.filter((m) => /[/\\](@resvg|pdfkit|fontkit)[/\\]/.test(m))).toEqual([]);
  });

  it('the bundle npm start serves names no renderer; the export process bundle does', () => {
    compileServer();
    const renderer = /["'](?:pdfkit|@resvg\/resvg-js|fontkit)["']/;
    const main = readFileSync(join(root, 'dist/server/main.js'), 'utf8');
    const supervisor = readFileSync(join(root, 'dist/server/supervisor-main.js'), 'utf8');
    const child = readFileSync(join(root, 'dist/server/export-child.js'), 'utf8');
    expect(main.match(renderer)).toBeNull();
    expect(supervisor.match(renderer)).toBeNull();
    expect(child).toMatch(renderer);
  }, 60_000);
});

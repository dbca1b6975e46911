import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClientTarget } from '../helpers/client-build';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every script a bundle ships (the app's chunks and the service worker), by file name. */
function scripts(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (sub: string): void => {
    for (const entry of readdirSync(join(root, dir, sub), { withFileTypes: true })) {
      const rel = join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (/\.m?js$/.test(entry.name)) out.set(rel, readFileSync(join(root, dir, rel), 'utf8'));
    }
  };
  if (!existsSync(join(root, dir, 'index.html'))) throw new Error(`${dir} is not built`);
  walk('');
  return out;
}

// The hook is compiled out of production by vite.config.ts's define (GRARECO_TEST_BUILD): a
// page served by `npm start` must not expose window.__grareco, nor carry its code.
describe('the browser test hook is only in the test build', () => {
  beforeAll(() => {
    // The global setup builds dist/client-test only; the production bundle is checked as
    // `npm start` would serve it, rebuilt here only when stale.
    if (process.env.GRARECO_SKIP_BUILD !== '1') {
      buildClientTarget('client', process.env.GRARECO_FORCE_BUILD === '1');
    }
  }, 180_000);

  it('the production bundle (dist/client) names no __grareco', () => {
    const files = scripts('dist/client');
    expect(files.size).toBeGreaterThan(0);
    const leaking = [...files].filter(([, text]) => text.includes('__grareco')).map(([name]) => name);
    expect(leaking).toEqual([]);
  });

  it('the test bundle (dist/client-test) installs both hooks', () => {
    const text = [...scripts('dist/client-test').values()].join('\n');
    expect(text).toContain('__grareco');
    expect(text).toContain('__grarecoReplay');
  });
});

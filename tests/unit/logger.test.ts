import { spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { consoleLogger, lostLogLines } from '../../server/logger';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A stream that fails every write as a full disk does, then (when told) accepts them again. */
function failingStream(state: { full: boolean; lines: string[] }): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      if (state.full)
        return done(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
      state.lines.push(chunk.toString());
      done();
    },
  });
}

describe('a log write that fails', () => {
  it('is swallowed and counted, and the next line that gets through says how many were lost', async () => {
    const state = { full: true, lines: [] as string[] };
    const stream = failingStream(state);
    const log = consoleLogger(false, { out: stream, err: stream });
    const before = lostLogLines();
    log.info('test', 'one');
    log.error('test', 'two', new Error('boom'));
    await new Promise((r) => setImmediate(r));
    expect(lostLogLines() - before).toBe(2);
    state.full = false;
    // A Writable stays errored after its first failure: a fresh one stands for the freed disk.
    const freed = failingStream(state);
    consoleLogger(false, { out: freed, err: freed }).info('test', 'three');
    await new Promise((r) => setImmediate(r));
    expect(state.lines.join('')).toMatch(/three\n\(\d+ earlier log line\(s\) could not be written\)/);
  });

  it.skipIf(!existsSync('/dev/full'))('to a full disk (/dev/full) does not end the process', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const script = [
        "const { consoleLogger } = await import('./server/logger.ts');",
        'const log = consoleLogger();',
        "for (let i = 0; i < 50; i++) log.info('test', 'line ' + i);",
        'await new Promise((r) => setTimeout(r, 50));',
        "process.stderr.write('still alive\\n');",
      ].join('\n');
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: root,
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      });
      expect(run.stderr).toContain('still alive');
      expect(run.status).toBe(0);
    } finally {
      closeSync(full);
    }
  });
});

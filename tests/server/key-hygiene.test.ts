import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/start';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { waitUntil } from '../helpers/socket-clients';
import { TEST_ADMIN_TOKEN } from '../helpers/test-server';

const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

const modeOf = (path: string) => statSync(path).mode & 0o777;

async function organiserLineOf(env: Record<string, string>): Promise<{ line: string; output: string }> {
  let server: ServerProcess | undefined;
  try {
    server = await spawnServer({ GRARECO_STORE: 'memory', ...env });
    const running = server;
    await waitUntil(() => /Organiser page: .*\n/.test(running.output()), 10_000, 'the organiser line');
    const line = /Organiser page: .*/.exec(running.output())?.[0] ?? '';
    return { line, output: running.output() };
  } finally {
    server?.child.kill('SIGTERM');
    await server?.exited;
  }
}

describe('the admin token on the terminal', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'grareco-token-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is printed in the organiser link only when it was just generated', async () => {
    const dir = dataDir();
    const first = await organiserLineOf({ DATA_DIR: dir, ADMIN_TOKEN: '' });
    const token = readFileSync(join(dir, 'admin-token'), 'utf8').trim();
    expect(first.line).toContain(`/admin?token=${token}`);

    // The next start reads it from DATA_DIR: the link no longer carries it.
    const again = await organiserLineOf({ DATA_DIR: dir, ADMIN_TOKEN: '' });
    expect(again.output).not.toContain(token);
    expect(again.line).toMatch(/\/admin \(the admin token is the one kept in .*admin-token\)$/);
  }, 120_000);

  it('coming from ADMIN_TOKEN, it is never printed: the page without it, and where the token is', async () => {
    const secret = 'env-admin-token-0123456789abcdef';
    const { line, output } = await organiserLineOf({ DATA_DIR: dataDir(), ADMIN_TOKEN: secret });
    expect(output).not.toContain(secret);
    expect(line).toMatch(
      /^Organiser page: http:\/\/127\.0\.0\.1:\d+\/admin \(the admin token is the one in ADMIN_TOKEN\)$/,
    );
  }, 120_000);
});

describe('the database files in DATA_DIR', () => {
  it('are owner-only (0600) after a start and after a backup, whatever the umask', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'grareco-modes-'));
    const umask = process.umask(0o000);
    try {
      const server = await startServer({
        port: 0,
        host: '127.0.0.1',
        dataDir: dir,
        adminToken: TEST_ADMIN_TOKEN,
        store: 'sqlite',
        clientDir: 'dist/client-test',
        quiet: true,
        backups: { intervalMs: 60_000, keep: 3 },
      });
      try {
        for (const name of ['grareco.sqlite', 'grareco.sqlite-wal', 'grareco.sqlite-shm'])
          expect([name, modeOf(join(dir, name))]).toEqual([name, 0o600]);
        const res = await fetch(`${server.url}/api/admin/backups`, { method: 'POST', headers: ADMIN });
        expect(res.status).toBe(201);
        const backups = readdirSync(join(dir, 'backups'));
        expect(backups.length).toBe(1);
        for (const name of backups) expect([name, modeOf(join(dir, 'backups', name))]).toEqual([name, 0o600]);
        expect(modeOf(join(dir, 'server-secret'))).toBe(0o600);
      } finally {
        await server.close();
      }
    } finally {
      process.umask(umask);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

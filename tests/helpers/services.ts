import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from './free-port';

/**
 * Real Redis and PostgreSQL servers for the cluster and storage tests. A URL in the
 * environment wins (CI starts Debian's servers and sets TEST_DATABASE_URL / TEST_REDIS_URL);
 * otherwise a throwaway server is started on a free loopback port from the installed binaries
 * and removed afterwards. Without the binaries the tests are skipped with the reason, except
 * under CI=true, where a missing server is a failure: CI must really run them.
 */
export interface Service {
  url: string;
  stop(): Promise<void>;
}

export type ServiceResult = { ok: true; service: Service } | { ok: false; reason: string };

function inCi(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

/** A skip outside CI; under CI the same reason is thrown, so the run fails loudly. */
export function unavailable(reason: string): ServiceResult {
  if (inCi()) throw new Error(`CI=true but ${reason}`);
  console.warn(`[services] skipping: ${reason}`);
  return { ok: false, reason };
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Debian keeps initdb and pg_ctl under /usr/lib/postgresql/<major>/bin, off the PATH. */
function postgresBin(name: string): string | undefined {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const majors = readdirSync(base).sort((a, b) => Number(b) - Number(a));
    for (const m of majors) {
      const p = join(base, m, 'bin', name);
      if (existsSync(p)) return p;
    }
  }
  return onPath(name);
}

function waitForPort(port: number, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > end) reject(new Error(`${what} did not listen on ${port} within ${ms} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function startRedis(): Promise<ServiceResult> {
  const fromEnv = process.env.TEST_REDIS_URL || process.env.REDIS_URL;
  if (fromEnv) return { ok: true, service: { url: fromEnv, stop: async () => undefined } };
  const bin =
    onPath('redis-server') ?? (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined);
  if (!bin) return unavailable('redis-server is not installed (apt-get install redis-server)');
  const port = await freePort();
  // No persistence: a throwaway broker for one test file.
  const child = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  try {
    await waitForPort(port, 10_000, 'redis-server');
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return { ok: true, service: { url: `redis://127.0.0.1:${port}`, stop: () => stopChild(child) } };
}

/**
 * initdb refuses to run as root: as root the cluster is made by the `postgres` user that
 * Debian's package creates, in a directory handed to it.
 */
function asPostgresUser(): string[] {
  if (process.getuid?.() !== 0) return [];
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) throw new Error('running as root and there is no postgres user to run initdb as');
  return ['runuser', '-u', 'postgres', '--'];
}

export async function startPostgres(): Promise<ServiceResult> {
  const fromEnv = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (fromEnv) return { ok: true, service: { url: fromEnv, stop: async () => undefined } };
  const initdb = postgresBin('initdb');
  const pgCtl = postgresBin('pg_ctl');
  if (!initdb || !pgCtl) return unavailable('PostgreSQL is not installed (apt-get install postgresql)');
  const prefix = asPostgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'grareco-pg-'));
  const data = join(dir, 'data');
  if (prefix.length > 0) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (args: string[]) => {
    const [cmd, ...rest] = [...prefix, ...args] as [string, ...string[]];
    const r = spawnSync(cmd, rest, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  };
  run([initdb, '-D', data, '-U', 'grareco', '--auth=trust', '-E', 'UTF8', '--no-instructions']);
  const port = await freePort();
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c max_connections=200`;
  run([pgCtl, '-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  return {
    ok: true,
    service: {
      url: `postgres://grareco@127.0.0.1:${port}/postgres`,
      async stop() {
        try {
          run([pgCtl, '-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    },
  };
}

/** A schema name of its own per test, so tests sharing one database never see each other. */
export function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

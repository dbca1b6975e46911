import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
}

/** The line each server process prints when it serves: its URL and its pid. */
const LISTENING = /listening on (http:\/\/[^\s]+) \(pid (\d+)/g;

async function spawnNode(
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
  onOutput?: (all: string) => void,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const take = (d: Buffer) => {
    out += d.toString();
    onOutput?.(out);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}`));
    });
  });
  return { url, child, output: () => out, exited };
}

/** Starts the real server entry (`server/main.ts`) as its own process, unsupervised, through tsx. */
export function spawnServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  return spawnNode(['--import', 'tsx', 'server/main.ts'], env, timeoutMs);
}

let compiled = false;

/** Compiles the server as `npm start` does (only when stale): the supervised tests run the build. */
export function compileServer(): void {
  if (compiled) return;
  const run = spawnSync(process.execPath, ['scripts/build.mjs', 'server'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`server build failed:\n${run.stdout}${run.stderr}`);
  compiled = true;
}

export interface SupervisedServer extends ServerProcess {
  /** The pid of every server process that has served so far, in order. */
  servingPids(): number[];
}

/**
 * What `npm start` runs once the build is current: the supervisor, which forks the compiled
 * server and restarts it when it dies. `nodeArgs` go to node (and so to the server process);
 * `onOutput` sees the output as it comes, before anything listens.
 */
export async function spawnSupervised(
  env: Record<string, string>,
  options: { nodeArgs?: string[]; timeoutMs?: number; onOutput?: (all: string) => void } = {},
): Promise<SupervisedServer> {
  compileServer();
  const server = await spawnNode(
    [...(options.nodeArgs ?? []), 'dist/server/supervisor-main.js'],
    env,
    options.timeoutMs ?? 60_000,
    options.onOutput,
  );
  const servingPids = () => [...server.output().matchAll(LISTENING)].map((m) => Number(m[2]));
  return { ...server, servingPids };
}

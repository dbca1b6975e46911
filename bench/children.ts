import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChurnRequest, ServerRequest, ViewerRequest } from './messages';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Forks a TypeScript module through tsx, with structured-clone IPC so typed arrays of
 * latencies cross without JSON. Its stdout/stderr are passed through for errors.
 */
export function forkTs(
  modulePath: string,
  env: Record<string, string> = {},
  nodeFlags: readonly string[] = [],
): ChildProcess {
  return fork(`${ROOT}${modulePath}`, [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx', ...nodeFlags],
    serialization: 'advanced',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Waits for the child's next message of the given type; fails if the child dies first. */
export function nextMessage<T extends { type: string }>(
  child: ChildProcess,
  type: T['type'],
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no '${type}' from child ${child.pid} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (msg: unknown) => {
      if (typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === type) {
        cleanup();
        resolve(msg as T);
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`child ${child.pid} exited (${code ?? signal}) while waiting for '${type}'`));
    };
    function cleanup() {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export function ask<T extends { type: string }>(
  child: ChildProcess,
  request: ServerRequest | ViewerRequest | ChurnRequest,
  replyType: T['type'],
  timeoutMs = 30_000,
): Promise<T> {
  const reply = nextMessage<T>(child, replyType, timeoutMs);
  child.send(request);
  return reply;
}

/** Asks a child to stop, then makes sure it is gone: the bench must never leave processes behind. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.send({ type: 'close' });
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

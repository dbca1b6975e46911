import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Why a child's job ended without an answer; the detail of an `export_failed` refusal. */
export const CHILD_FAILURES = {
  crashed: 'crashed',
  outOfMemory: 'out_of_memory',
  timedOut: 'timed_out',
  error: 'error',
} as const;
export type ChildFailure = (typeof CHILD_FAILURES)[keyof typeof CHILD_FAILURES];

export class ChildFailed extends Error {
  readonly failure: ChildFailure;
  constructor(failure: ChildFailure, detail: string) {
    super(`${failure}: ${detail}`);
    this.failure = failure;
  }
}

export class ChildCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export interface ChildLimits {
  /** V8 heap limit and resident-set ceiling of the child, in MiB. */
  memoryMb: number;
  /** Wall time after which the child is killed. */
  timeoutMs: number;
}

/** How often the child's resident memory is read: native buffers (resvg) are not in the heap. */
const RSS_POLL_MS = 100;
const PAGE_BYTES = 4096;

/**
 * The child's entry beside this module: the compiled `.js` when the server runs from its
 * build, else a boot file that registers tsx first (a forked child does not inherit a loader
 * registered by vitest, only `--import` flags on the command line).
 */
export function childEntry(base: string, name: string): string {
  const compiled = fileURLToPath(new URL(`./${name}.js`, base));
  if (existsSync(compiled)) return compiled;
  return fileURLToPath(new URL(`./${name}-boot.mjs`, base));
}

/** Resident memory of a process in MiB, or undefined once it is gone (Linux /proc). */
async function residentMb(pid: number): Promise<number | undefined> {
  try {
    const statm = await readFile(`/proc/${pid}/statm`, 'utf8');
    const pages = Number(statm.split(' ')[1]);
    return Number.isFinite(pages) ? (pages * PAGE_BYTES) / (1024 * 1024) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Children alive now. A server that exits (drained, or process.exit after a fatal error)
 * takes them along; a server killed outright leaves each to notice its IPC channel close.
 */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface ChildRun<Reply> {
  entry: string;
  task: Serializable;
  limits: ChildLimits;
  signal?: AbortSignal | undefined;
  /** Every message before the answer (progress). */
  onMessage?: (message: unknown) => void;
  /** Which message is the answer. */
  isAnswer: (message: unknown) => message is Reply;
  /** Told the child's pid as soon as it exists. */
  onSpawn?: (child: ChildProcess) => void;
}

/** A forked child with its stderr passed on and the tail kept: it tells a full heap from another abort. */
export interface SpawnedChild {
  child: ChildProcess;
  stderrTail: () => string;
}

export function spawnChild(entry: string, memoryMb: number): SpawnedChild {
  const child = fork(entry, [], {
    execArgv: [
      ...process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')),
      `--max-old-space-size=${memoryMb}`,
    ],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let tail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    tail = (tail + chunk.toString('utf8')).slice(-4096);
  });
  return { child, stderrTail: () => tail };
}

/** Calls `onOver` when the child's resident memory passes `memoryMb`; returns the stop. */
export function watchMemory(child: ChildProcess, memoryMb: number, onOver: () => void): () => void {
  const watch = setInterval(() => {
    const pid = child.pid;
    if (pid === undefined) return;
    void residentMb(pid).then((mb) => {
      if (mb !== undefined && mb > memoryMb) onOver();
    });
  }, RSS_POLL_MS);
  watch.unref();
  return () => clearInterval(watch);
}

/**
 * Runs one task in `spawned` and settles with its answer or its failure. `keep` leaves the
 * child running after the answer (a reusable child); a failure always kills it.
 */
export function runOn<Reply>(
  spawned: SpawnedChild,
  run: Omit<ChildRun<Reply>, 'entry' | 'onSpawn'>,
  keep: boolean,
): Promise<Reply> {
  const { child } = spawned;
  return new Promise<Reply>((resolve, reject) => {
    if (run.signal?.aborted) return reject(new ChildCancelled());
    let settled = false;
    let killedFor: ChildFailure | null = null;
    const finish = (outcome: () => void, answered: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stopWatch();
      run.signal?.removeEventListener('abort', onAbort);
      child.off('message', onMessage);
      child.off('error', onError);
      child.off('exit', onExit);
      const alive = child.exitCode === null && child.signalCode === null;
      if (alive && !(answered && keep)) child.kill('SIGKILL');
      outcome();
    };
    const killFor = (failure: ChildFailure) => {
      if (settled) return;
      killedFor = failure;
      child.kill('SIGKILL');
    };
    const onAbort = () => finish(() => reject(new ChildCancelled()), false);
    run.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => killFor(CHILD_FAILURES.timedOut), run.limits.timeoutMs);
    const stopWatch = watchMemory(child, run.limits.memoryMb, () => killFor(CHILD_FAILURES.outOfMemory));
    const onMessage = (message: unknown) => {
      if (!run.isAnswer(message)) {
        if (!settled) run.onMessage?.(message);
        return;
      }
      finish(() => resolve(message), true);
    };
    const onError = (err: Error) =>
      finish(() => reject(new ChildFailed(CHILD_FAILURES.error, err.message)), false);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      finish(() => reject(exitFailure(killedFor, code, signal, spawned.stderrTail())), false);
    child.on('message', onMessage);
    child.once('error', onError);
    child.once('exit', onExit);
    child.send(run.task, (err) => {
      if (err) finish(() => reject(new ChildFailed(CHILD_FAILURES.error, err.message)), false);
    });
  });
}

/**
 * Runs one task in a fresh child process and resolves with its answer. Worker threads do not
 * isolate: a Rust panic in resvg or an out-of-memory abort ends the whole process they live
 * in, and here that would be the process serving every socket. A child that dies, grows past
 * its memory or runs past its time ends only its own job, with the cause.
 */
export function runInChild<Reply>(run: ChildRun<Reply>): Promise<Reply> {
  if (run.signal?.aborted) return Promise.reject(new ChildCancelled());
  const spawned = spawnChild(run.entry, run.limits.memoryMb);
  run.onSpawn?.(spawned.child);
  return runOn(spawned, run, false);
}

/**
 * Names the cause of an exit without an answer. V8 ends a process whose heap is full with
 * SIGABRT after printing "Reached heap limit", as a native panic ends with SIGABRT too: the
 * child's last words tell them apart.
 */
function exitFailure(
  killedFor: ChildFailure | null,
  code: number | null,
  signal: NodeJS.Signals | null,
  stderrTail: string,
): ChildFailed {
  const how = signal ? `signal ${signal}` : `exit code ${code}`;
  if (killedFor) return new ChildFailed(killedFor, how);
  if (/heap limit|heap out of memory/i.test(stderrTail))
    return new ChildFailed(CHILD_FAILURES.outOfMemory, how);
  return new ChildFailed(CHILD_FAILURES.crashed, how);
}

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

/**
 * Runs one task in a fresh child process and resolves with its answer. Worker threads do not
 * isolate: a Rust panic in resvg or an out-of-memory abort ends the whole process they live
 * in, and here that would be the process serving every socket. A child that dies, grows past
 * its memory or runs past its time ends only its own job, with the cause.
 */
export function runInChild<Reply>(run: ChildRun<Reply>): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    if (run.signal?.aborted) return reject(new ChildCancelled());
    const { memoryMb, timeoutMs } = run.limits;
    const child = fork(run.entry, [], {
      execArgv: [
        ...process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')),
        `--max-old-space-size=${memoryMb}`,
      ],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    live.add(child);
    child.once('exit', () => live.delete(child));
    run.onSpawn?.(child);
    // Passed on as it comes; the tail tells a full heap from another abort.
    let stderrTail = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4096);
    });
    let settled = false;
    let killedFor: ChildFailure | null = null;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      run.signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      outcome();
    };
    const killFor = (failure: ChildFailure) => {
      killedFor = failure;
      child.kill('SIGKILL');
    };
    const onAbort = () => finish(() => reject(new ChildCancelled()));
    run.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => killFor(CHILD_FAILURES.timedOut), timeoutMs);
    const watch = setInterval(() => {
      const pid = child.pid;
      if (pid === undefined) return;
      void residentMb(pid).then((mb) => {
        if (mb !== undefined && mb > memoryMb && !settled) killFor(CHILD_FAILURES.outOfMemory);
      });
    }, RSS_POLL_MS);
    child.on('message', (message: unknown) => {
      if (!run.isAnswer(message)) {
        if (!settled) run.onMessage?.(message);
        return;
      }
      finish(() => resolve(message));
    });
    child.once('error', (err) => finish(() => reject(new ChildFailed(CHILD_FAILURES.error, err.message))));
    child.once('exit', (code, signal) => {
      finish(() => reject(exitFailure(killedFor, code, signal, stderrTail)));
    });
    child.send(run.task, (err) => {
      if (err) finish(() => reject(new ChildFailed(CHILD_FAILURES.error, err.message)));
    });
  });
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

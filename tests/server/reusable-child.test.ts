import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ChildFailed, CHILD_FAILURES } from '../../server/jobs/child-runner';
import { ReusableChild } from '../../server/jobs/reusable-child';
import { childPids, isRunning } from '../helpers/child-processes';
import { waitUntil } from '../helpers/socket-clients';

const ENTRY = fileURLToPath(new URL('../helpers/task-child.mjs', import.meta.url));

interface Done {
  type: 'done';
  pid: number;
  n?: number;
}
const isDone = (m: unknown): m is Done => (m as { type?: unknown } | null)?.type === 'done';

let child: ReusableChild<Done> | undefined;
function make(opts: Partial<{ maxTasks: number; idleMs: number; memoryMb: number; timeoutMs: number }> = {}) {
  child = new ReusableChild<Done>({
    entry: ENTRY,
    isAnswer: isDone,
    limits: { memoryMb: opts.memoryMb ?? 256, timeoutMs: opts.timeoutMs ?? 10_000 },
    maxTasks: opts.maxTasks ?? 100,
    idleMs: opts.idleMs ?? 60_000,
  });
  return child;
}

async function failure(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ChildFailed);
  return (err as ChildFailed).failure;
}

afterEach(() => child?.close());

describe('a reusable child process', () => {
  it('serves task after task from one process: no fork per task', async () => {
    const c = make();
    const pids = new Set<number>();
    for (let i = 0; i < 20; i++) pids.add((await c.run({ do: 'echo' })).pid);
    expect(pids.size).toBe(1);
    expect(childPids('task-child')).toEqual([...pids]);
  });

  it('queues tasks asked at once: one process, each its own answer', async () => {
    const c = make();
    const answers = await Promise.all(Array.from({ length: 5 }, (_, n) => c.run({ do: 'echo', n })));
    expect(new Set(answers.map((a) => a.pid)).size).toBe(1);
    expect(answers.map((a) => a.n)).toEqual([0, 1, 2, 3, 4]);
  });

  it('fails only the task whose process crashed, and the next task gets a fresh process', async () => {
    const c = make();
    const first = (await c.run({ do: 'echo' })).pid;
    expect(await failure(c.run({ do: 'crash' }))).toBe(CHILD_FAILURES.crashed);
    const next = (await c.run({ do: 'echo' })).pid;
    expect(next).not.toBe(first);
    expect(isRunning(first)).toBe(false);
  });

  it('kills a process that runs past its time, with timed_out', async () => {
    const c = make({ timeoutMs: 500 });
    const pid = (await c.run({ do: 'echo' })).pid;
    expect(await failure(c.run({ do: 'hang' }))).toBe(CHILD_FAILURES.timedOut);
    expect(isRunning(pid)).toBe(false);
    expect((await c.run({ do: 'echo' })).pid).not.toBe(pid);
  });

  it('kills a process that grows past its memory, during a task or while it waits', async () => {
    const c = make({ memoryMb: 200 });
    const pid = (await c.run({ do: 'echo' })).pid;
    expect(await failure(c.run({ do: 'grow', mb: 250 }))).toBe(CHILD_FAILURES.outOfMemory);
    expect(isRunning(pid)).toBe(false);
    // Answers, then holds 250 MB while nobody asks anything of it.
    const idle = (await c.run({ do: 'grow-after', mb: 250 })).pid;
    await waitUntil(() => !isRunning(idle), 5_000, 'the idle child let go');
    expect(c.pid).toBeUndefined();
    expect((await c.run({ do: 'echo' })).pid).not.toBe(idle);
  });

  it('hands over to a fresh process after maxTasks, and lets an idle one go', async () => {
    const c = make({ maxTasks: 3, idleMs: 300 });
    const pids = [];
    for (let i = 0; i < 6; i++) pids.push((await c.run({ do: 'echo' })).pid);
    expect(new Set(pids).size).toBe(2);
    const last = pids[5] as number;
    await new Promise((r) => setTimeout(r, 800));
    expect(isRunning(last)).toBe(false);
    expect(c.pid).toBeUndefined();
  });
});

import type { Serializable } from 'node:child_process';
import {
  ChildCancelled,
  runOn,
  spawnChild,
  watchMemory,
  type ChildLimits,
  type SpawnedChild,
} from './child-runner';

export interface ReusableChildOptions<Reply> {
  entry: string;
  /** Memory of the child (also while idle) and wall time of each task. */
  limits: ChildLimits;
  isAnswer: (message: unknown) => message is Reply;
  /** Tasks one child serves before a fresh one takes over: what one task leaves behind stays bounded. */
  maxTasks: number;
  /** Idle time after which the child is let go; the next task starts a fresh one. */
  idleMs: number;
}

/**
 * One child process that serves short tasks one after another. Forking costs the serving
 * thread 8–16 ms a time on this machine (measured in the abuse bench's profile); a stream of
 * image uploads forked one child each and stalled the live board for everyone. The isolation
 * stays: a child that crashes, runs past its time or grows past its memory fails only the task
 * it was on and is replaced on the next one. Tasks queue: the child works on one at a time.
 */
export class ReusableChild<Reply> {
  readonly #opts: ReusableChildOptions<Reply>;
  #spawned: SpawnedChild | undefined;
  #tasks = 0;
  #idle: NodeJS.Timeout | undefined;
  #stopIdleWatch: (() => void) | undefined;
  /** The task before this one, settled or not: each waits for it. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(opts: ReusableChildOptions<Reply>) {
    this.#opts = opts;
  }

  run(task: Serializable, signal?: AbortSignal): Promise<Reply> {
    const turn = this.#queue.then(() => this.#runNow(task, signal));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #runNow(task: Serializable, signal?: AbortSignal): Promise<Reply> {
    if (signal?.aborted) throw new ChildCancelled();
    this.#stopIdle();
    const spawned = this.#current();
    this.#tasks += 1;
    spawned.child.ref();
    spawned.child.channel?.ref();
    try {
      return await runOn(
        spawned,
        { task, limits: this.#opts.limits, signal, isAnswer: this.#opts.isAnswer },
        true,
      );
    } finally {
      if (this.#spawned === spawned && !alive(spawned)) this.#spawned = undefined;
      this.#startIdle();
    }
  }

  /** Pid of the child serving now, if any. */
  get pid(): number | undefined {
    return this.#spawned && alive(this.#spawned) ? this.#spawned.child.pid : undefined;
  }

  /** Ends the child now (the server drains). */
  close(): void {
    this.#stopIdle();
    this.#release();
  }

  #current(): SpawnedChild {
    const spawned = this.#spawned;
    if (spawned && alive(spawned) && this.#tasks < this.#opts.maxTasks) return spawned;
    this.#release();
    const fresh = spawnChild(this.#opts.entry, this.#opts.limits.memoryMb);
    fresh.child.once('exit', () => {
      if (this.#spawned === fresh) this.#spawned = undefined;
    });
    this.#spawned = fresh;
    this.#tasks = 0;
    return fresh;
  }

  #release(): void {
    const spawned = this.#spawned;
    this.#spawned = undefined;
    if (spawned && alive(spawned)) spawned.child.kill('SIGKILL');
  }

  #startIdle(): void {
    const spawned = this.#spawned;
    if (!spawned) return;
    // An idle child does not keep the server's process alive.
    spawned.child.unref();
    spawned.child.channel?.unref();
    this.#idle = setTimeout(() => this.#release(), this.#opts.idleMs);
    this.#idle.unref();
    // Decoded pixels a task left behind count while it waits too.
    this.#stopIdleWatch = watchMemory(spawned.child, this.#opts.limits.memoryMb, () => this.#release());
  }

  #stopIdle(): void {
    clearTimeout(this.#idle);
    this.#idle = undefined;
    this.#stopIdleWatch?.();
    this.#stopIdleWatch = undefined;
  }
}

function alive(spawned: SpawnedChild): boolean {
  return spawned.child.exitCode === null && spawned.child.signalCode === null;
}

import type { KeyedQueue } from './keyed-queue';

/**
 * A read that takes the board's turn, shared by everyone who asks for it before it starts:
 * a caller that arrives while an identical read is still waiting joins it (and sees the board
 * as it is when that read runs, after the caller asked); one that arrives after it started
 * queues a new one. A flood of catch-up requests on a shared store costs one read per turn.
 */
export class CoalescedTurns<T> {
  readonly #waiting = new Map<string, Promise<T>>();

  run(queue: KeyedQueue, key: string, task: () => Promise<T>): Promise<T> {
    const waiting = this.#waiting.get(key);
    if (waiting) return waiting;
    // KeyedQueue never starts a task synchronously, so the entry is set before it is cleared.
    const read = queue.run(key, () => {
      this.#waiting.delete(key);
      return task();
    });
    this.#waiting.set(key, read);
    return read;
  }
}

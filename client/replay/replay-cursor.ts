import { applyLeniently, type Changes } from '../../shared/board-state';
import type { BoardObject } from '../../shared/objects/board-object';
import type { CommittedOp } from '../../shared/ops';

/**
 * The board at a point of its log: ops (sorted by seq) applied one by one to an in-memory
 * object map with the same lenient rule every live client uses.
 */
export class ReplayCursor {
  readonly #ops: readonly CommittedOp[];
  #objects = new Map<string, BoardObject>();
  #next = 0;

  constructor(ops: readonly CommittedOp[]) {
    this.#ops = ops;
  }

  /** How many ops are applied. */
  get applied(): number {
    return this.#next;
  }

  /** The seq of the last applied op (0 before the first). */
  get seq(): number {
    return this.#ops[this.#next - 1]?.seq ?? 0;
  }

  get objectCount(): number {
    return this.#objects.size;
  }

  /** The records in paint order. */
  objects(): BoardObject[] {
    return [...this.#objects.values()];
  }

  /** Applies every op stamped at or before `at`; returns what each changed, for drawing. */
  advanceTo(at: number): Changes[] {
    const out: Changes[] = [];
    this.#apply(at, out);
    return out;
  }

  /**
   * Moves to `at` without collecting changes: forwards from here, or backwards by replaying
   * from an empty board. Draw the result with one `objects()`.
   */
  seek(at: number): void {
    const last = this.#ops[this.#next - 1];
    if (last && last.at > at) {
      this.#objects = new Map();
      this.#next = 0;
    }
    this.#apply(at, null);
  }

  #apply(at: number, out: Changes[] | null): void {
    for (let op = this.#ops[this.#next]; op && op.at <= at; op = this.#ops[this.#next]) {
      const changes = applyLeniently(this.#objects, op.op);
      out?.push(changes);
      this.#next++;
    }
  }
}

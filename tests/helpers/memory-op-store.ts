import type { Op } from '../../shared/ops';
import type { OpStore } from '../../client/offline/op-store';

/** The device's op store as plain memory: what IndexedDB would hold, readable by the test. */
export class MemoryOpStore implements OpStore {
  readonly ops: Op[];

  constructor(ops: readonly Op[] = []) {
    this.ops = [...ops];
  }

  load(): Promise<Op[]> {
    return Promise.resolve([...this.ops]);
  }

  add(op: Op): Promise<boolean> {
    if (!this.ops.some((o) => o.id === op.id)) this.ops.push(op);
    return Promise.resolve(true);
  }

  remove(opId: string): Promise<boolean> {
    const i = this.ops.findIndex((o) => o.id === opId);
    if (i >= 0) this.ops.splice(i, 1);
    return Promise.resolve(true);
  }
}

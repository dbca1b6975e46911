import { cpus } from 'node:os';

export interface HostTimes {
  busyMs: number;
  totalMs: number;
}

/** Summed CPU times of every core: a run on a machine that was already busy is worth flagging. */
export function hostTimes(): HostTimes {
  let busyMs = 0;
  let totalMs = 0;
  for (const { times } of cpus()) {
    const total = times.user + times.nice + times.sys + times.idle + times.irq;
    totalMs += total;
    busyMs += total - times.idle;
  }
  return { busyMs, totalMs };
}

/** Share of all cores that was busy between two readings, 0 to 1. */
export function busyShare(before: HostTimes, after: HostTimes): number {
  const total = after.totalMs - before.totalMs;
  return total > 0 ? (after.busyMs - before.busyMs) / total : NaN;
}

import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { runAttack, type Attack, type AttackCounts, type AttackTarget } from './abuse-attacks';

/** The attacker's own process: its CPU, sockets and memory never count as the server's. */
export type AttackerRequest =
  { type: 'attack'; attack: Attack; target: AttackTarget } | { type: 'stop' } | { type: 'close' };
export interface AttackerStopped {
  type: 'stopped';
  counts: AttackCounts;
  /** CPU this process used while the attack ran, microseconds (user + system). */
  cpuMicros: number;
}
export interface AttackerReady {
  type: 'attacker-ready';
  /** The scheduling priority this process runs at (19 when the bench niced it). */
  priority: number;
}

/**
 * On this 2-core machine the attacker shares the cores with the server, which a remote attacker
 * would not: by default the bench runs it at the lowest priority (ABUSE_NICE=0 keeps the
 * default), so the figures show what the server spends, not what the attacker takes.
 */
const nice = process.env.ABUSE_NICE !== '0';
// Linux keeps a nice value per thread: V8's and libuv's threads started before this line are
// lowered one by one; threads started later inherit the main thread's.
if (nice) for (const tid of readdirSync('/proc/self/task')) setPriority(Number(tid), 19);

let running: { abort: AbortController; done: Promise<AttackCounts>; cpu: NodeJS.CpuUsage } | undefined;

process.on('message', (raw: unknown) => {
  const msg = raw as AttackerRequest;
  if (msg.type === 'attack') {
    const abort = new AbortController();
    const cpu = process.cpuUsage();
    running = { abort, done: runAttack(msg.attack, msg.target, abort.signal), cpu };
  } else if (msg.type === 'stop') {
    const current = running;
    running = undefined;
    if (!current) {
      process.send?.({ type: 'stopped', counts: {}, cpuMicros: 0 } satisfies AttackerStopped);
      return;
    }
    // Until the stop, not the cleanup after it: what the attack took while the honest pair measured.
    const used = process.cpuUsage(current.cpu);
    const cpuMicros = used.user + used.system;
    current.abort.abort();
    void current.done.then(
      (counts) => process.send?.({ type: 'stopped', counts, cpuMicros } satisfies AttackerStopped),
      (err: unknown) =>
        process.send?.({
          type: 'stopped',
          counts: { [`failed: ${String(err)}`]: 1 },
          cpuMicros,
        } satisfies AttackerStopped),
    );
  } else if (msg.type === 'close') {
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
// A refused socket's error is counted where it happens; nothing here may end the process.
process.on('unhandledRejection', () => undefined);
process.send?.({ type: 'attacker-ready', priority: nice ? 19 : 0 } satisfies AttackerReady);

import { runAttack, type Attack, type AttackCounts, type AttackTarget } from './abuse-attacks';

/** The attacker's own process: its CPU, sockets and memory never count as the server's. */
export type AttackerRequest =
  { type: 'attack'; attack: Attack; target: AttackTarget } | { type: 'stop' } | { type: 'close' };
export interface AttackerStopped {
  type: 'stopped';
  counts: AttackCounts;
}

let running: { abort: AbortController; done: Promise<AttackCounts> } | undefined;

process.on('message', (raw: unknown) => {
  const msg = raw as AttackerRequest;
  if (msg.type === 'attack') {
    const abort = new AbortController();
    running = { abort, done: runAttack(msg.attack, msg.target, abort.signal) };
  } else if (msg.type === 'stop') {
    const current = running;
    running = undefined;
    if (!current) {
      process.send?.({ type: 'stopped', counts: {} } satisfies AttackerStopped);
      return;
    }
    current.abort.abort();
    void current.done.then(
      (counts) => process.send?.({ type: 'stopped', counts } satisfies AttackerStopped),
      (err: unknown) => process.send?.({ type: 'stopped', counts: { [`failed: ${String(err)}`]: 1 } }),
    );
  } else if (msg.type === 'close') {
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
// A refused socket's error is counted where it happens; nothing here may end the process.
process.on('unhandledRejection', () => undefined);
process.send?.({ type: 'attacker-ready' });

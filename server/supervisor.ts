import cluster, { type Worker } from 'node:cluster';
import type { Logger } from './logger';
import { deathCause, diedSoon, EXIT_STORE_DAMAGED, restartDelay } from './restart-policy';

/** After forwarding a stop, how long the server may take to drain before it is killed. */
const STOP_GRACE_MS = 15_000;
const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/**
 * `npm start`'s process: it serves nothing itself and forks the real server (main.js beside
 * it) as a cluster worker. The primary binds the port (SCHED_NONE hands the listening handle to
 * the worker, which accepts itself), so a restarted worker comes back on the same PORT, and
 * when the worker dies for any reason (kill -9, native crash, out of memory) the next one is
 * forked, only after the previous one is gone: the SQLite store in DATA_DIR must never have
 * two serving processes. A stop signal is passed on and the worker drains; it is not restarted.
 */
export function supervise(entry: string, log: Logger): void {
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({ exec: entry });
  let current: Worker | undefined;
  let pending: NodeJS.Timeout | undefined;
  let stopping = false;
  let quickDeaths = 0;

  function start(): void {
    pending = undefined;
    const worker = cluster.fork();
    current = worker;
    let listeningAt: number | undefined;
    log.info('supervisor', `server process ${worker.process.pid} started`);
    worker.once('listening', () => (listeningAt = Date.now()));
    worker.once('exit', (code, signal) => {
      current = undefined;
      const cause = deathCause(code, signal);
      if (stopping) {
        log.info('supervisor', `server process ${worker.process.pid} stopped (${cause})`);
        process.exit(code === 0 ? 0 : 1);
      }
      if (code === EXIT_STORE_DAMAGED) {
        log.error(
          'supervisor',
          `server process ${worker.process.pid} refused to start: ${cause}; not restarted`,
        );
        process.exit(EXIT_STORE_DAMAGED);
      }
      quickDeaths = diedSoon(listeningAt, Date.now()) ? quickDeaths + 1 : 0;
      const delay = restartDelay(quickDeaths);
      log.error(
        'supervisor',
        `server process ${worker.process.pid} died: ${cause}; restarting in ${delay} ms`,
      );
      pending = setTimeout(start, delay);
    });
  }

  function stop(signal: NodeJS.Signals): void {
    if (stopping) {
      // A second Ctrl+C is passed on too; the server ignores repeats while it drains.
      current?.process.kill(signal);
      return;
    }
    stopping = true;
    if (pending) clearTimeout(pending);
    if (!current) process.exit(0);
    log.info('supervisor', `${signal}: asking server process ${current.process.pid} to drain`);
    current.process.kill(signal);
    setTimeout(() => {
      log.error('supervisor', `server process did not stop within ${STOP_GRACE_MS} ms: killed`);
      current?.process.kill('SIGKILL');
      process.exit(1);
    }, STOP_GRACE_MS).unref();
  }

  for (const signal of STOP_SIGNALS) process.on(signal, () => stop(signal));
  start();
}

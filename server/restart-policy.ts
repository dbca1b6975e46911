/** When the supervisor starts the next server process after one died. */
export const RESTART = {
  /** The first restart after a death with no recent history: at once. */
  firstDelayMs: 0,
  /** Each further death in a row that came soon after start doubles the wait, from here… */
  minDelayMs: 250,
  /** …up to here, so a server that cannot start does not spin a core. */
  maxDelayMs: 8_000,
  /** A process that served this long before dying was healthy: the backoff starts over. */
  healthyAfterMs: 1_000,
} as const;

/**
 * The server's exit code when its database file is damaged (EX_CONFIG): starting again would
 * fail the same way, so neither the supervisor nor systemd (RestartPreventExitStatus) restarts.
 */
export const EXIT_STORE_DAMAGED = 78;

/** How long to wait before the next start, given how many deaths in a row came soon after start. */
export function restartDelay(quickDeaths: number): number {
  if (quickDeaths <= 0) return RESTART.firstDelayMs;
  return Math.min(RESTART.maxDelayMs, RESTART.minDelayMs * 2 ** (quickDeaths - 1));
}

/** A death counts against the backoff when the process never listened or served only briefly. */
export function diedSoon(listeningAt: number | undefined, diedAt: number): boolean {
  return listeningAt === undefined || diedAt - listeningAt < RESTART.healthyAfterMs;
}

/** One line saying how a process ended, with what that usually means. */
export function deathCause(code: number | null, signal: string | null): string {
  if (signal === 'SIGKILL') return 'signal SIGKILL (kill -9, or the kernel out-of-memory killer)';
  if (signal === 'SIGABRT') return 'signal SIGABRT (a native abort, or the V8 heap limit: see above)';
  if (signal === 'SIGSEGV' || signal === 'SIGBUS') return `signal ${signal} (a native crash)`;
  if (signal) return `signal ${signal}`;
  // V8 out of memory ends with abort(): seen as exit code 134 when a shell stands between.
  if (code === EXIT_STORE_DAMAGED) return `exit code ${code} (the database file is damaged: see above)`;
  if (code === 134) return 'exit code 134 (an abort: a native crash or the V8 heap limit)';
  return `exit code ${code ?? 'unknown'}`;
}

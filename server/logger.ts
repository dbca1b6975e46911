/** One-line logs; never given keys or query strings, so links cannot leak through them. */
export interface Logger {
  info(scope: string, message: string): void;
  warn(scope: string, message: string, err?: unknown): void;
  error(scope: string, message: string, err?: unknown): void;
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? err.message;
  return err === undefined ? '' : String(err);
}

export function consoleLogger(quiet = false): Logger {
  const line = (level: string, scope: string, message: string, err?: unknown) =>
    `${new Date().toISOString()} ${level} [${scope}] ${message}${err === undefined ? '' : ` ${describe(err)}`}`;
  return {
    info: (scope, message) => {
      if (!quiet) console.log(line('info', scope, message));
    },
    warn: (scope, message, err) => console.warn(line('warn', scope, message, err)),
    error: (scope, message, err) => console.error(line('error', scope, message, err)),
  };
}

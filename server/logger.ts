import type { Writable } from 'node:stream';

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

/** Streams that already carry the listener below; a stream is guarded once. */
const guarded = new WeakSet<Writable>();
let lost = 0;

/**
 * Writes one line and never throws. A full disk (ENOSPC) or a closed pipe (EPIPE) fails a
 * write either at once (a file: synchronous) or later as an 'error' event, which with no
 * listener would be an uncaught exception: the live board must not die because its log
 * could not be written. Lost lines are counted and the count is told on the next line that
 * gets through.
 */
export function writeLine(stream: Writable, text: string): void {
  if (!guarded.has(stream)) {
    guarded.add(stream);
    // The write's callback counts the failure; this only keeps it from being uncaught.
    stream.on('error', () => undefined);
  }
  const pending = lost;
  const line = pending > 0 ? `${text}\n(${pending} earlier log line(s) could not be written)\n` : `${text}\n`;
  try {
    stream.write(line, (err) => {
      if (err) lost++;
      else if (pending > 0) lost = Math.max(0, lost - pending);
    });
  } catch {
    lost++;
  }
}

/** How many log lines could not be written since the last one that got through. */
export function lostLogLines(): number {
  return lost;
}

export interface LogStreams {
  out: Writable;
  err: Writable;
}

export function consoleLogger(
  quiet = false,
  streams: LogStreams = { out: process.stdout, err: process.stderr },
): Logger {
  const line = (level: string, scope: string, message: string, err?: unknown) =>
    `${new Date().toISOString()} ${level} [${scope}] ${message}${err === undefined ? '' : ` ${describe(err)}`}`;
  return {
    info: (scope, message) => {
      if (!quiet) writeLine(streams.out, line('info', scope, message));
    },
    warn: (scope, message, err) => writeLine(streams.err, line('warn', scope, message, err)),
    error: (scope, message, err) => writeLine(streams.err, line('error', scope, message, err)),
  };
}

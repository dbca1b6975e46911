import type { Logger } from '../logger';

/**
 * Every socket handler goes through here: a throw or a rejected promise is logged and
 * swallowed, so no payload can take the process down.
 */
export function guarded<Args extends unknown[]>(
  log: Logger,
  event: string,
  handler: (...args: Args) => unknown,
  onError?: (...args: Args) => void,
): (...args: Args) => void {
  return (...args: Args) => {
    const fail = (err: unknown) => {
      log.error('socket', `handler ${event} failed`, err);
      try {
        onError?.(...args);
      } catch (e) {
        log.error('socket', `error reply for ${event} failed`, e);
      }
    };
    try {
      const r = handler(...args);
      if (r instanceof Promise) r.catch(fail);
    } catch (err) {
      fail(err);
    }
  };
}

/** Acks come from the client: call one only if it really is a function. */
export function replier<T>(ack: unknown): (reply: T) => void {
  return typeof ack === 'function' ? (reply: T) => (ack as (r: T) => void)(reply) : () => undefined;
}

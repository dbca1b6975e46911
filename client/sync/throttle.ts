/**
 * A value pushed often, delivered at most once per interval: the first at once, and the last
 * one always (a gesture's end arrives even when it came too soon after the one before).
 */
export interface Throttle<T> {
  push(value: T): void;
  cancel(): void;
}

export function createThrottle<T>(intervalMs: number, deliver: (value: T) => void): Throttle<T> {
  let last = -Infinity;
  let waiting: { value: T } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function send(): void {
    clearTimeout(timer);
    timer = undefined;
    if (!waiting) return;
    const { value } = waiting;
    waiting = null;
    last = performance.now();
    deliver(value);
  }

  return {
    push(value) {
      waiting = { value };
      const wait = last + intervalMs - performance.now();
      if (wait <= 0) send();
      else timer ??= setTimeout(send, wait);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      waiting = null;
    },
  };
}

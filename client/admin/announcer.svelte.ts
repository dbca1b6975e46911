/**
 * The console's polite live region: what an action did, read to screen readers and shown
 * briefly at the top for everyone.
 */
class Announcer {
  message = $state('');
  #timer: ReturnType<typeof setTimeout> | null = null;

  say(message: string): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.message = message;
    this.#timer = setTimeout(() => (this.message = ''), 8_000);
  }

  /** A later failure says so in its own alert: an earlier success must not stand beside it. */
  clear(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.message = '';
  }
}

export const announcer = new Announcer();

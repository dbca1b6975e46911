/**
 * What shared/ may use from its host: only what browsers and Node both provide. shared/ is
 * type-checked without the DOM and Node libraries (shared/tsconfig.json), so anything else
 * is a compile error there; this file names the few common globals it does use.
 */
// eslint-disable-next-line no-var -- a global is declared with var.
declare var crypto: {
  getRandomValues<T extends Uint8Array>(array: T): T;
};

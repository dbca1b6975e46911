/*
 * Kept apart from ids.ts (zod schemas): the client's entry makes an id before anything else
 * has loaded, and must not pull the validation library into its first download.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** 21 url-safe characters (126 bits) from the platform's CSPRNG; works in browsers and Node. */
export function newId(): string {
  const bytes = new Uint8Array(21);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}

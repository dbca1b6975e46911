import { z } from './zod';
import { LIMITS } from './limits';
import { REJECT } from './reject-reasons';

/** Client-made ids for objects and ops: url-safe, bounded, never a path. */
export const idSchema = z
  .string({ message: REJECT.invalidId })
  .min(1, { message: REJECT.invalidId })
  .max(LIMITS.idMaxLength, { message: REJECT.invalidId })
  .regex(/^[A-Za-z0-9_-]+$/, { message: REJECT.invalidId });

export function isId(value: unknown): value is string {
  return idSchema.safeParse(value).success;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** 21 url-safe characters (126 bits) from the platform's CSPRNG; works in browsers and Node. */
export function newId(): string {
  const bytes = new Uint8Array(21);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}

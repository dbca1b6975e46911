import { z } from './zod';
import { LIMITS } from './limits';
import { REJECT } from './reject-reasons';

// Pages that must not load zod at start (the client's entry) import new-id.ts itself.
export { newId } from './new-id';

/** Client-made ids for objects and ops: url-safe, bounded, never a path. */
export const idSchema = z
  .string({ message: REJECT.invalidId })
  .min(1, { message: REJECT.invalidId })
  .max(LIMITS.idMaxLength, { message: REJECT.invalidId })
  .regex(/^[A-Za-z0-9_-]+$/, { message: REJECT.invalidId });

export function isId(value: unknown): value is string {
  return idSchema.safeParse(value).success;
}

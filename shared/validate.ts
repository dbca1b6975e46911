import type { z } from 'zod';
import { isRejectReason, REJECT } from './reject-reasons';
import { fail, ok, type Result } from './result';

/**
 * Parses untrusted input. Schemas carry a reject reason as their message, so the first issue
 * names why the input was refused; anything else is a plain invalid_payload.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const reason = isRejectReason(issue?.message) ? issue.message : REJECT.invalidPayload;
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  return fail(reason, where);
}

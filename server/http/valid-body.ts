import type { Response } from 'express';
import type { z } from 'zod';
import { parseWith } from '../../shared/validate';

/**
 * The check of a route's input (its JSON body, its query or its raw bytes) against a schema,
 * made once per route. What fits comes back parsed; anything else is answered here, `400
 * { error, detail }` with the schema's typed reason (shared/reject-reasons.ts) and the path
 * where it failed, and the route gets undefined and stops. Object outputs only, so undefined
 * can only mean "answered".
 */
export function validBody<S extends z.ZodType<object>>(
  schema: S,
): (input: unknown, res: Response) => z.output<S> | undefined {
  return (input, res) => {
    const parsed = parseWith(schema, input);
    if (parsed.ok) return parsed.value;
    res.status(400).json({ error: parsed.reason, detail: parsed.detail });
    return undefined;
  };
}

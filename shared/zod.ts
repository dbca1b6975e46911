import { z } from 'zod';

/**
 * The one door to zod for every schema in the project. Zod 4 compiles object parsers with
 * `new Function`, and even its probe for that (caught when it throws) is reported as a CSP
 * `unsafe-eval` violation on our pages. The flag is read when each object schema is built, so
 * it must be set before any schema exists: every module that builds one imports `z` from here.
 */
z.config({ jitless: true });

export { z };

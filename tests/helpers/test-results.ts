import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Pictures a person can look at after a run (gitignored), at the repository root whatever
 * the working directory. Every test writes there through resultPath, which creates the
 * folder: a test file must pass alone, first, or in any order.
 */
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results', import.meta.url));

export function resultPath(name: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return join(RESULTS_DIR, name);
}

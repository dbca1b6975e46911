import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The boundaries in eslint.config.js, proved by planting a violation of each as in-memory text
 * at a path inside the folder the rule guards, and by linting a clean counterpart there. If
 * the config is weakened, a planted row stops failing. Nothing is written to disk. Server rows
 * borrow the path of a real server file (its text is replaced, only in memory): the type-aware
 * project service knows only files its tsconfig includes.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

const RULE = {
  imports: '@typescript-eslint/no-restricted-imports',
  globals: 'no-restricted-globals',
  focused: 'no-restricted-syntax',
  floating: '@typescript-eslint/no-floating-promises',
} as const;

interface Row {
  what: string;
  /** Where the planted file pretends to live: its folder decides which rules apply. */
  file: string;
  code: string;
  /** The rule that must report it; absent for a clean counterpart. */
  rule?: (typeof RULE)[keyof typeof RULE];
}

const PLANTED: Row[] = [
  {
    what: 'shared/ imports node:fs',
    file: 'shared/lint-probe.ts',
    code: "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
    rule: RULE.imports,
  },
  {
    what: 'shared/ imports a Node builtin without the node: prefix',
    file: 'shared/objects/lint-probe.ts',
    code: "import { join } from 'path';\nexport const joined = join('a', 'b');\n",
    rule: RULE.imports,
  },
  {
    what: 'shared/ imports from client/',
    file: 'shared/objects/lint-probe.ts',
    code: "import { parseRoute } from '../../client/routes';\nexport const route = parseRoute;\n",
    rule: RULE.imports,
  },
  {
    what: 'shared/ imports from server/',
    file: 'shared/lint-probe.ts',
    code: "import type { ServerConfig } from '../server/config';\nexport type Config = ServerConfig;\n",
    rule: RULE.imports,
  },
  {
    what: 'shared/ uses window',
    file: 'shared/lint-probe.ts',
    code: 'export const width = window.innerWidth;\n',
    rule: RULE.globals,
  },
  {
    what: 'shared/ uses localStorage',
    file: 'shared/lint-probe.ts',
    code: "export const saved = localStorage.getItem('k');\n",
    rule: RULE.globals,
  },
  {
    what: 'shared/ uses process',
    file: 'shared/lint-probe.ts',
    code: 'export const env = process.env.PORT;\n',
    rule: RULE.globals,
  },
  {
    what: 'shared/ takes zod values around shared/zod.ts (jitless would not be set first)',
    file: 'shared/lint-probe.ts',
    code: "import { z } from 'zod';\nexport const name = z.string();\n",
    rule: RULE.imports,
  },
  {
    what: 'client/ imports from server/',
    file: 'client/board/lint-probe.ts',
    code: "import { startServer } from '../../server/start';\nexport const start = startServer;\n",
    rule: RULE.imports,
  },
  {
    what: 'client/ imports a server type',
    file: 'client/lint-probe.ts',
    code: "import type { ServerConfig } from '../server/config';\nexport type Config = ServerConfig;\n",
    rule: RULE.imports,
  },
  {
    what: 'server/ imports from client/',
    file: 'server/keys.ts',
    code: "import { parseRoute } from '../client/routes';\nexport const route = parseRoute;\n",
    rule: RULE.imports,
  },
  {
    what: 'it.only in a test',
    file: 'tests/unit/lint-probe.test.ts',
    code: "import { it } from 'vitest';\nit.only('runs alone', () => {});\n",
    rule: RULE.focused,
  },
  {
    what: 'describe.only in a test',
    file: 'tests/server/lint-probe.test.ts',
    code: "import { describe, it } from 'vitest';\ndescribe.only('alone', () => {\n  it('x', () => {});\n});\n",
    rule: RULE.focused,
  },
  {
    what: 'test.only in a test',
    file: 'tests/browser/lint-probe.test.ts',
    code: "import { test } from 'vitest';\ntest.only('alone', () => {});\n",
    rule: RULE.focused,
  },
  {
    what: 'it.concurrent.only in a test',
    file: 'tests/unit/lint-probe.test.ts',
    code: "import { it } from 'vitest';\nit.concurrent.only('alone', () => {});\n",
    rule: RULE.focused,
  },
  {
    what: 'a floating promise on the server',
    file: 'server/presence.ts',
    code: 'async function save(): Promise<void> {}\nexport function handler(): void {\n  save();\n}\n',
    rule: RULE.floating,
  },
];

const CLEAN: Row[] = [
  {
    what: 'shared/ imports shared/ and the zod door',
    file: 'shared/objects/lint-probe.ts',
    code: "import { z } from '../zod';\nimport { LIMITS } from '../limits';\nexport const name = z.string().max(LIMITS.idMaxLength);\n",
  },
  {
    what: 'shared/ takes a type from zod',
    file: 'shared/lint-probe.ts',
    code: "import type { ZodType } from 'zod';\nexport type Schema = ZodType;\n",
  },
  {
    what: 'client/ imports shared/',
    file: 'client/board/lint-probe.ts',
    code: "import { newId } from '../../shared/ids';\nexport const id = newId();\nexport const width = window.innerWidth;\n",
  },
  {
    what: 'server/ imports shared/ and Node',
    file: 'server/keys.ts',
    code: "import { join } from 'node:path';\nimport { newId } from '../shared/ids';\nexport const file = join('data', newId());\n",
  },
  {
    what: 'a test without .only (skipIf is allowed)',
    file: 'tests/unit/lint-probe.test.ts',
    code: "import { it } from 'vitest';\nit('runs', () => {});\nit.skipIf(true)('needs a service', () => {});\n",
  },
  {
    what: 'an awaited and an explicitly voided promise on the server',
    file: 'server/presence.ts',
    code: 'async function save(): Promise<void> {}\nexport async function handler(): Promise<void> {\n  await save();\n  void save();\n}\n',
  },
];

async function lint(row: Row): Promise<string[]> {
  const [result] = await eslint.lintText(row.code, { filePath: `${root}${row.file}` });
  if (!result) throw new Error(`no lint result for ${row.file}`);
  return result.messages.map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

describe('lint boundaries (eslint.config.js)', () => {
  it.each(PLANTED)('reports: $what', async (row) => {
    const messages = await lint(row);
    expect(
      messages.some((m) => m.startsWith(`${row.rule}:`)),
      messages.join('\n'),
    ).toBe(true);
  });

  it.each(CLEAN)('passes: $what', async (row) => {
    expect(await lint(row)).toEqual([]);
  });
});

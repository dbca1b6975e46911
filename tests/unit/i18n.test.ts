import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '../../client/i18n/en';
import { ja } from '../../client/i18n/ja';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLIENT = join(ROOT, 'client');

/** Hiragana, katakana (full and half width), CJK ideographs, Japanese punctuation and full-width forms. */
const JAPANESE =
  /[\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\uff61-\uff9f]/u;

function svelteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return svelteFiles(path);
    return name.endsWith('.svelte') ? [path] : [];
  });
}

/**
 * The markup of a component with script and style blocks and comments blanked out (newlines
 * kept, so line numbers still point at the source).
 */
export function markupOnly(source: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return source
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, blank)
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, blank)
    .replace(/<!--[\s\S]*?-->/g, blank);
}

/** Lines of markup that hold Japanese text written in place instead of going through t(...). */
export function untranslatedLines(source: string): { line: number; text: string }[] {
  return markupOnly(source)
    .split('\n')
    .flatMap((text, i) => (JAPANESE.test(text) ? [{ line: i + 1, text: text.trim() }] : []));
}

describe('i18n dictionaries', () => {
  const jaKeys = Object.keys(ja).sort();
  const enKeys = Object.keys(en).sort();

  it('have the same keys in Japanese and English', () => {
    expect(jaKeys.filter((k) => !Object.hasOwn(en, k))).toEqual([]);
    expect(enKeys.filter((k) => !Object.hasOwn(ja, k))).toEqual([]);
  });

  it('have a non-empty value for every key in both languages', () => {
    const dicts: Record<string, Record<string, string>> = { ja, en };
    const empty = Object.entries(dicts).flatMap(([lang, dict]) =>
      Object.entries(dict).flatMap(([key, value]) =>
        typeof value !== 'string' || value.trim() === '' ? [`${lang}.${key}`] : [],
      ),
    );
    expect(empty).toEqual([]);
  });

  it('never leave a key standing for its own text', () => {
    const dicts: Record<string, Record<string, string>> = { ja, en };
    const self = Object.entries(dicts).flatMap(([lang, dict]) =>
      Object.entries(dict).flatMap(([key, value]) => (value === key ? [`${lang}.${key}`] : [])),
    );
    expect(self).toEqual([]);
  });

  it('use the same {placeholders} in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const jaDict: Record<string, string> = ja;
    const enDict: Record<string, string> = en;
    const differing = jaKeys.filter(
      (k) => JSON.stringify(names(jaDict[k] ?? '')) !== JSON.stringify(names(enDict[k] ?? '')),
    );
    expect(differing).toEqual([]);
  });

  it('English text carries no Japanese by mistake (pasted from the Japanese file)', () => {
    const enDict: Record<string, string> = en;
    const allowed = new Set(['language']);
    const mixed = enKeys.filter((k) => !allowed.has(k) && JAPANESE.test(enDict[k] ?? ''));
    expect(mixed).toEqual([]);
  });
});

describe('Svelte markup', () => {
  it('finds Japanese written in place (the check itself)', () => {
    const sample = [
      '<script lang="ts">const name = "日本語";</script>',
      '<!-- コメントは対象外 -->',
      '<p>{t("ok")}</p>',
      '<button>保存</button>',
      '<style>.a::before { content: "・"; }</style>',
    ].join('\n');
    expect(untranslatedLines(sample)).toEqual([{ line: 4, text: '<button>保存</button>' }]);
  });

  it('sends every Japanese UI string through t(...)', () => {
    const files = svelteFiles(CLIENT);
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((file) =>
      untranslatedLines(readFileSync(file, 'utf8')).map(
        ({ line, text }) => `${relative(ROOT, file)}:${line}: ${text}`,
      ),
    );
    expect(found).toEqual([]);
  });
});

/** The current language as reactive state, so every `t()` call in a template re-renders on change. */
export const LANGS = { ja: 'ja', en: 'en' } as const;
export type Lang = (typeof LANGS)[keyof typeof LANGS];

export const STORAGE_KEY = 'grareco.lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && Object.hasOwn(LANGS, value);
}

class Locale {
  current = $state<Lang>(LANGS.ja);
}

export const locale = new Locale();

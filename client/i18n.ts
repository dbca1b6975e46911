import { en } from './i18n/en';
import { ja, type MessageKey, type Messages } from './i18n/ja';
import { isLang, LANGS, locale, STORAGE_KEY, type Lang } from './i18n/locale.svelte';

export type { Lang, MessageKey };
export { LANGS };

const DICTIONARIES: Readonly<Record<Lang, Messages>> = { ja, en };

/** Translates a key; `{name}` placeholders are filled from params. Reactive inside templates. */
export function t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string {
  const text = DICTIONARIES[locale.current][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function currentLang(): Lang {
  return locale.current;
}

export function setLang(lang: Lang): void {
  locale.current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode may refuse storage; the choice then lasts for this page only.
  }
}

/** `?lang=en` wins over the stored choice, which wins over the Japanese default. */
export function initLang(search: string): void {
  const fromUrl = new URLSearchParams(search).get('lang');
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  const lang = isLang(fromUrl) ? fromUrl : isLang(stored) ? stored : LANGS.ja;
  if (isLang(fromUrl)) setLang(fromUrl);
  else {
    locale.current = lang;
    document.documentElement.lang = lang;
  }
}

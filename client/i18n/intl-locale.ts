import { LANGS, type Lang } from './locale.svelte';

/**
 * The locale for Intl formatting: Japanese readers get ja-JP; English readers get their own
 * English variant (en-GB, en-US, en-AU…) from the browser, else en-GB.
 */
export function intlLocale(lang: Lang, preferred: readonly string[] = browserLanguages()): string {
  if (lang === LANGS.ja) return 'ja-JP';
  return preferred.find((l) => /^en(-|$)/i.test(l)) ?? 'en-GB';
}

function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages;
}

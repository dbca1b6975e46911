import type { WorkProgress } from '../api/long-work';
import { currentLang, t, type MessageKey } from '../i18n';
import { intlLocale } from '../i18n/intl-locale';

const PHASE_KEYS: Readonly<Record<WorkProgress['phase'], MessageKey>> = {
  queued: 'phaseQueued',
  scene: 'phaseScene',
  parse: 'phaseParse',
  render: 'phaseRender',
  encode: 'phaseEncode',
  replay: 'phaseReplay',
  assets: 'phaseAssets',
  store: 'phaseStore',
  upload: 'phaseUpload',
};

function megabytes(bytes: number, locale: string): string {
  return `${(bytes / 1_000_000).toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
}

/** The phase in words with its real counts (bytes for the upload), in the reader's locale. */
export function phaseText(p: WorkProgress): string {
  const locale = intlLocale(currentLang());
  const count = (n: number) => (p.phase === 'upload' ? megabytes(n, locale) : n.toLocaleString(locale));
  return t(PHASE_KEYS[p.phase], { done: count(p.done), total: count(p.total) });
}

export function percentOf(p: WorkProgress): number {
  return Math.max(0, Math.min(100, Math.floor(p.progress * 100)));
}

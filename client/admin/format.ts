import { currentLang } from '../i18n';
import { intlLocale } from '../i18n/intl-locale';

/** A moment (ms since epoch) in the reader's locale: 2023/11/16 13:15, or 16 Nov 2023, 13:15. */
export function formatMoment(ms: number): string {
  return new Intl.DateTimeFormat(intlLocale(currentLang()), {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(ms);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The event's date as typed (2023-11-16) in the reader's locale; anything else as it is. */
export function formatEventDate(date: string): string {
  const m = ISO_DAY.exec(date);
  if (!m) return date;
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(day)) return date;
  return new Intl.DateTimeFormat(intlLocale(currentLang()), {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(day);
}

/** Today in the browser's time zone as an <input type="date"> value. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A size in megabytes in the reader's locale, one decimal (12.3 MB). */
export function formatMegabytes(bytes: number): string {
  const mb = new Intl.NumberFormat(intlLocale(currentLang()), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(bytes / (1024 * 1024));
  return `${mb} MB`;
}

/** A whole number in the reader's locale (12,345). */
export function formatCount(n: number): string {
  return new Intl.NumberFormat(intlLocale(currentLang())).format(n);
}

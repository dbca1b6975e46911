/**
 * The event's date as the organiser wrote it ("2023-11-16", "2023/11/16", 「2023年11月16日」,
 * full-width digits too), read into a calendar date for file names and the PDF header. A
 * date that cannot be read stays the organiser's own words.
 */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const NUMERIC = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/;
const JAPANESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseEventDate(written: string): CalendarDate | null {
  // NFKC turns full-width digits and slashes into ASCII, as people type them on a Japanese IME.
  const text = written.normalize('NFKC').trim();
  const m = NUMERIC.exec(text) ?? JAPANESE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  return { year, month, day };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** 2023-11-16: sorts in file lists, reads the same in every language. */
export function isoDate(d: CalendarDate): string {
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** 2023年11月16日 */
export function japaneseDate(d: CalendarDate): string {
  return `${d.year}年${d.month}月${d.day}日`;
}

/** A moment's calendar date in Japan, where the events are held. */
export function dateInJapan(at: number): CalendarDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(at));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

import type { AgendaItem } from '../../shared/board';

/** A gap between two ops longer than this is a pause: marked on the seek bar, shortened in play. */
export const PAUSE_MIN_MS = 2 * 60_000;

/**
 * An agenda heading a little before the first op (the recorder starts a few minutes late) or
 * after the last one still gets its marker, at the edge of the bar; farther out it is left off.
 */
export const AGENDA_SLACK_MS = 30 * 60_000;

export const MARKER_KINDS = { agenda: 'agenda', pause: 'pause' } as const;
export type MarkerKind = (typeof MARKER_KINDS)[keyof typeof MARKER_KINDS];

/** A place on the time-lapse, in log time (ms since the epoch). */
export type Marker =
  | { kind: 'agenda'; at: number; title: string; start: string }
  | { kind: 'pause'; at: number; until: number; minutes: number };

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/**
 * The event's day as the organiser wrote it: "2023-11-16", "2023/11/16", "2023.11.16" or
 * "2023年11月16日"; anything else (or an impossible date) is null.
 */
export function parseEventDate(text: string): CalendarDay | null {
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(year, month - 1, day);
  if (probe.getFullYear() !== year || probe.getMonth() !== month - 1 || probe.getDate() !== day) return null;
  return { year, month, day };
}

/** The calendar day of an instant in the browser's local time zone. */
export function localDay(at: number): CalendarDay {
  const d = new Date(at);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

/**
 * The day the agenda's times belong to: the board's date when it reads as one, else the day
 * of the first op. Times are read in the browser's local time zone: the organiser replays
 * the board where the event took place, and the board stores no zone of its own.
 */
export function eventDay(date: string, firstAt: number | undefined): CalendarDay | null {
  return parseEventDate(date) ?? (firstAt === undefined ? null : localDay(firstAt));
}

/** "13:15" on a day, local time, as ms since the epoch. */
export function agendaInstant(day: CalendarDay, start: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(start.trim());
  if (!m) return null;
  return new Date(day.year, day.month - 1, day.day, Number(m[1]), Number(m[2])).getTime();
}

/** One marker per gap between consecutive op times longer than `minGap`, at the gap's start. */
export function pauseMarkers(times: readonly number[], minGap = PAUSE_MIN_MS): Marker[] {
  const out: Marker[] = [];
  for (let i = 1; i < times.length; i++) {
    const a = times[i - 1] as number;
    const b = times[i] as number;
    if (b - a > minGap) out.push({ kind: 'pause', at: a, until: b, minutes: Math.round((b - a) / 60_000) });
  }
  return out;
}

/** Agenda headings on the event day, kept within the log's span (a little slack clamped to its edges). */
export function agendaMarkers(
  agenda: readonly AgendaItem[],
  day: CalendarDay,
  span: { start: number; end: number },
): Marker[] {
  const out: Marker[] = [];
  for (const item of agenda) {
    const at = agendaInstant(day, item.start);
    if (at === null || at < span.start - AGENDA_SLACK_MS || at > span.end + AGENDA_SLACK_MS) continue;
    out.push({
      kind: 'agenda',
      at: Math.min(span.end, Math.max(span.start, at)),
      title: item.title,
      start: item.start,
    });
  }
  return out;
}

/** Every marker of a log, in time order: agenda headings and long pauses. */
export function replayMarkers(
  meta: { date: string; agenda: readonly AgendaItem[] },
  times: readonly number[],
): Marker[] {
  const start = times[0];
  const end = times[times.length - 1];
  if (start === undefined || end === undefined) return [];
  const day = eventDay(meta.date, start);
  const agenda = day ? agendaMarkers(meta.agenda, day, { start, end }) : [];
  return [...agenda, ...pauseMarkers(times)].sort((a, b) => a.at - b.at);
}

import type { AgendaItem } from '../../shared/board';
import { LIMITS } from '../../shared/limits';
import type { MessageKey } from '../i18n';
import { CUSTOM_SIZE, SIZE_PRESETS, type SizeChoice } from './board-presets';

/** One editable row of the programme; `key` keeps the row's inputs when rows move. */
export interface AgendaRow {
  key: number;
  start: string;
  title: string;
}

/** What the create form holds. */
export interface CreateFields {
  title: string;
  date: string;
  size: SizeChoice;
  width: number;
  height: number;
  palette: readonly string[];
  agenda: readonly AgendaRow[];
  cover: boolean;
  coverText: string;
  startsAt: string;
}

/** The body of POST /api/boards. */
export interface CreateBoardBody {
  title: string;
  width: number;
  height: number;
  date?: string;
  palette: string[];
  agenda: AgendaItem[];
  cover?: true;
  coverText?: string;
  startsAt?: string;
}

export type CreateCheck =
  | { ok: true; body: CreateBoardBody }
  | { ok: false; message: MessageKey; params?: Record<string, string | number> };

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/**
 * A start time as typed, in the programme's HH:MM: full-width digits and colon (typed with a
 * Japanese IME) count, and 9:05 becomes 09:05. Null when it is not a time of day.
 */
export function normaliseTime(typed: string): string | null {
  const m = TIME.exec(typed.normalize('NFKC').trim());
  if (!m) return null;
  return `${(m[1] ?? '').padStart(2, '0')}:${m[2] ?? ''}`;
}

function validSide(n: number): boolean {
  return Number.isInteger(n) && n >= LIMITS.boardMinSide && n <= LIMITS.boardMaxSide;
}

/**
 * Checks the form before it goes to the server, with a message the organiser can act on.
 * Empty agenda rows are dropped; a row with only a time or only a heading is an error.
 */
export function buildCreateBody(fields: CreateFields): CreateCheck {
  const title = fields.title.trim();
  if (!title) return { ok: false, message: 'createTitleMissing' };
  const { width, height } =
    fields.size === CUSTOM_SIZE ? { width: fields.width, height: fields.height } : SIZE_PRESETS[fields.size];
  if (!validSide(width) || !validSide(height)) {
    return {
      ok: false,
      message: 'sizeInvalid',
      params: { min: LIMITS.boardMinSide, max: LIMITS.boardMaxSide },
    };
  }
  const agenda: AgendaItem[] = [];
  for (const [i, row] of fields.agenda.entries()) {
    const start = row.start.trim();
    const heading = row.title.trim();
    if (!start && !heading) continue;
    if (!start || !heading) return { ok: false, message: 'agendaIncomplete', params: { n: i + 1 } };
    const time = normaliseTime(start);
    if (!time) return { ok: false, message: 'agendaTimeInvalid', params: { n: i + 1 } };
    agenda.push({ start: time, title: heading });
  }
  const date = fields.date.trim();
  return {
    ok: true,
    body: {
      title,
      width,
      height,
      ...(date ? { date } : {}),
      palette: fields.palette.map((c) => c.toLowerCase()),
      agenda,
      ...(fields.cover
        ? { cover: true, coverText: fields.coverText.trim(), startsAt: fields.startsAt.trim() }
        : {}),
    },
  };
}

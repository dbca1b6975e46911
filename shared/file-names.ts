import { isoDate, parseEventDate } from './event-date';

/**
 * Every file the organiser takes away is named after the board and says what it is, so the
 * downloads of one event sort together and none overwrites another:
 * 第21回地域福祉セミナー_2023-11-16_board.pdf, …_A3.pdf, …_web.png, ….grareco, …-publish.zip.
 */
export const EXPORT_FILES = {
  pdfBoard: { suffix: '_board', ext: 'pdf' },
  pdfA3: { suffix: '_A3', ext: 'pdf' },
  pdfA1: { suffix: '_A1', ext: 'pdf' },
  pngWeb: { suffix: '_web', ext: 'png' },
  pngPrint: { suffix: '_print', ext: 'png' },
  svg: { suffix: '', ext: 'svg' },
  archive: { suffix: '', ext: 'grareco' },
  publish: { suffix: '-publish', ext: 'zip' },
} as const;
export type ExportFile = keyof typeof EXPORT_FILES;

/** The board as a name gives it: its title and the event's date as written. */
export interface NamedBoard {
  title: string;
  date?: string | undefined;
}

const TITLE_CHARS = 80;
const FALLBACK = 'board';

/**
 * A title as one part of a file name on every system: path and reserved characters
 * (\ / : * ? " < > |) and control characters become `_`, spaces too (a name that a shell or
 * a web address takes as it is), at most 80 characters, never a leading dot.
 */
export function fileNamePart(text: string): string {
  const cleaned = text
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}\p{Cf}]/gu, '_')
    .replace(/\s+/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^[._]+|[._]+$/g, '');
  return [...cleaned]
    .slice(0, TITLE_CHARS)
    .join('')
    .replace(/[._]+$/, '');
}

function nameOf(titlePart: string, board: NamedBoard, what: ExportFile): string {
  const date = parseEventDate(board.date ?? '');
  const { suffix, ext } = EXPORT_FILES[what];
  return `${titlePart || FALLBACK}${date ? `_${isoDate(date)}` : ''}${suffix}.${ext}`;
}

/** The file's name: title, event date (when the board has one), what it is. */
export function exportFileName(board: NamedBoard, what: ExportFile): string {
  return nameOf(fileNamePart(board.title), board, what);
}

/**
 * The same name in plain ASCII, for clients that read only `filename=`: a title that is not
 * all ASCII becomes `board` (board_2023-11-16_A3.pdf), so the fallback never shows mojibake.
 */
export function asciiExportFileName(board: NamedBoard, what: ExportFile): string {
  const part = fileNamePart(board.title);
  return nameOf(/^[\x20-\x7e]*$/.test(part) ? part : FALLBACK, board, what);
}

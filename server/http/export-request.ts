import type { Request, Response } from 'express';
import { z } from '../../shared/zod';
import type { BoardDocument } from '../../shared/board';
import { dateInJapan, japaneseDate, parseEventDate } from '../../shared/event-date';
import {
  asciiExportFileName,
  exportFileName,
  type ExportFile,
  type NamedBoard,
} from '../../shared/file-names';
import { ROLES } from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import type { BoardService } from '../boards/board-service';
import { loadBoardImages, type ImageBytes } from '../export/asset-images';
import { PDF_PAGES, type PdfOptions, type PdfPage } from '../export/pdf-options';
import { boardAccess } from './board-access';

/** What the export routes and export jobs share: options, file names and the access check. */
export const pdfQuery = z.object({
  page: z.enum(PDF_PAGES).default('board'),
  header: z.enum(['0', '1']).default('1'),
});
export const pngQuery = z.object({ size: z.enum(['web', 'print']).default('web') });

/**
 * RFC 5987 ext-value: UTF-8, percent-encoded, leaving only attr-char as it is. encodeURIComponent
 * leaves ' ( ) * ! ~ too; of these only ! and ~ are attr-char.
 */
function extValue(name: string): string {
  return `UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** Content-Disposition for a download: the Japanese name as filename*, an ASCII one for old clients. */
export function attachmentName(board: NamedBoard, what: ExportFile): string {
  return `attachment; filename="${asciiExportFileName(board, what)}"; filename*=${extValue(exportFileName(board, what))}`;
}

/** The board as file names read it. */
export function namedBoard(doc: BoardDocument): NamedBoard {
  return { title: doc.title, date: doc.meta.date };
}

const PDF_FILES = { board: 'pdfBoard', a3: 'pdfA3', a1: 'pdfA1' } as const satisfies Record<
  PdfPage,
  ExportFile
>;
const PNG_FILES = { web: 'pngWeb', print: 'pngPrint' } as const satisfies Record<string, ExportFile>;

export function pdfFile(page: PdfPage): ExportFile {
  return PDF_FILES[page];
}
export function pngFile(size: keyof typeof PNG_FILES): ExportFile {
  return PNG_FILES[size];
}

/** The board and its images, when the request carries the admin token; else answers and undefined. */
export async function organiserDocumentOf(
  boards: BoardService,
  req: Request,
  res: Response,
): Promise<{ doc: BoardDocument; images: Map<string, ImageBytes> } | undefined> {
  const access = await boardAccess(boards, req, res);
  if (!access) return undefined;
  if (access.role !== ROLES.organiser) {
    res.status(403).json({ error: REJECT.forbidden });
    return undefined;
  }
  const doc = await boards.writer.document(access.board.meta.id);
  if (!doc) {
    res.status(404).json({ error: REJECT.unknownBoard });
    return undefined;
  }
  const images = await loadBoardImages(doc.objects, (id) => boards.assets.get(doc.id, id));
  return { doc, images };
}

/**
 * The PDF header's date line: the event's date from the board (2023-11-16 → 2023年11月16日; a
 * date that cannot be read is printed as the organiser wrote it). A board without a date gets
 * the day of the export, marked as such, so it is never taken for the event's.
 */
export function headerDate(doc: BoardDocument, now = Date.now()): string {
  const written = doc.meta.date.trim();
  if (written) {
    const date = parseEventDate(written);
    return date ? japaneseDate(date) : written;
  }
  return `${japaneseDate(dateInJapan(now))} 出力`;
}

/** The PDF's date line and subject, as the organiser's board gives them. */
export function pdfOptions(doc: BoardDocument, page: PdfPage, header: boolean): PdfOptions {
  return { page, header, date: headerDate(doc), subject: doc.meta.altText || doc.title };
}

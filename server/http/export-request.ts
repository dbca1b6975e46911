import type { Request, Response } from 'express';
import { z } from '../../shared/zod';
import type { BoardDocument } from '../../shared/board';
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

export function attachmentName(title: string, ext: string): string {
  const safe = title.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').slice(0, 80) || 'board';
  return `attachment; filename="board.${ext}"; filename*=UTF-8''${encodeURIComponent(safe)}.${ext}`;
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

/** The PDF's date line and subject, as the organiser's board gives them. */
export function pdfOptions(doc: BoardDocument, page: PdfPage, header: boolean): PdfOptions {
  const date = new Date(doc.meta.createdAt).toLocaleDateString('ja-JP', { timeZone: 'Asia/Tokyo' });
  return { page, header, date, subject: doc.meta.altText || doc.title };
}

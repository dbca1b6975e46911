import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ROLES } from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import { parseWith } from '../../shared/validate';
import type { BoardService } from '../boards/board-service';
import { loadBoardImages } from '../export/asset-images';
import { boardPdf, PDF_PAGES } from '../export/pdf-export';
import { boardPng, PNG_SIZES } from '../export/png-export';
import { boardSvg } from '../export/svg-export';
import { boardAccess } from './board-access';

const pdfQuery = z.object({
  page: z.enum(PDF_PAGES).default('board'),
  header: z.enum(['0', '1']).default('1'),
});
const pngQuery = z.object({ size: z.enum(Object.keys(PNG_SIZES) as ['web', 'print']).default('web') });

function attachmentName(title: string, ext: string): string {
  const safe = title.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').slice(0, 80) || 'board';
  return `attachment; filename="board.${ext}"; filename*=UTF-8''${encodeURIComponent(safe)}.${ext}`;
}

/** Exports for the organiser: PDF, SVG and PNG, all drawn from the model on the server. */
export function exportRoutes(boards: BoardService): Router {
  const router = Router();

  async function organiserDocument(req: Request, res: Response) {
    const access = await boardAccess(boards, req, res);
    if (!access) return undefined;
    if (access.role !== ROLES.organiser) {
      res.status(403).json({ error: REJECT.forbidden });
      return undefined;
    }
    const doc = await boards.document(access.board.meta.id);
    if (!doc) return undefined;
    const images = await loadBoardImages(doc.objects, (id) => boards.asset(doc.id, id));
    return { doc, images };
  }

  router.get('/boards/:id/export.pdf', async (req, res) => {
    const q = parseWith(pdfQuery, req.query);
    if (!q.ok) {
      res.status(400).json({ error: q.reason, detail: q.detail });
      return;
    }
    const found = await organiserDocument(req, res);
    if (!found) return;
    const { doc, images } = found;
    const date = new Date(doc.meta.createdAt).toLocaleDateString('ja-JP', { timeZone: 'Asia/Tokyo' });
    const subject = doc.meta.altText || doc.title;
    const pdf = await boardPdf(
      doc,
      { page: q.value.page, header: q.value.header === '1', date, subject },
      images,
    );
    res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': attachmentName(doc.title, 'pdf') });
    res.send(pdf);
  });

  router.get('/boards/:id/export.svg', async (req, res) => {
    const found = await organiserDocument(req, res);
    if (!found) return;
    const { doc, images } = found;
    res.set({ 'Content-Type': 'image/svg+xml', 'Content-Disposition': attachmentName(doc.title, 'svg') });
    res.send(boardSvg(doc, images));
  });

  router.get('/boards/:id/export.png', async (req, res) => {
    const q = parseWith(pngQuery, req.query);
    if (!q.ok) {
      res.status(400).json({ error: q.reason, detail: q.detail });
      return;
    }
    const found = await organiserDocument(req, res);
    if (!found) return;
    const { doc, images } = found;
    const png = await boardPng(doc, q.value.size, images);
    res.set({ 'Content-Type': 'image/png', 'Content-Disposition': attachmentName(doc.title, 'png') });
    res.send(png);
  });

  return router;
}

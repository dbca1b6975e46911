import { Router, type Request, type Response } from 'express';
import type { BoardService } from '../boards/board-service';
import { exportJobRoutes } from './export-job-routes';
import { exported } from './exported';
import {
  attachmentName,
  namedBoard,
  organiserDocumentOf,
  pdfFile,
  pdfOptions,
  pdfQuery,
  pngFile,
  pngQuery,
} from './export-request';
import { validBody } from './valid-body';

const validPdfQuery = validBody(pdfQuery);
const validPngQuery = validBody(pngQuery);

/** Exports for the organiser: PDF, SVG and PNG, all drawn from the model on the server. */
export function exportRoutes(boards: BoardService): Router {
  const router = Router();
  function organiserDocument(req: Request, res: Response) {
    return organiserDocumentOf(boards, req, res);
  }

  router.get('/boards/:id/export.pdf', async (req, res) => {
    const q = validPdfQuery(req.query, res);
    if (!q) return;
    const found = await organiserDocument(req, res);
    if (!found) return;
    const { doc, images } = found;
    const options = pdfOptions(doc, q.page, q.header === '1');
    const pdf = await exported(res, { kind: 'pdf', doc, options, images });
    if (!pdf) return;
    res.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': attachmentName(namedBoard(doc), pdfFile(q.page)),
    });
    res.send(pdf);
  });

  router.get('/boards/:id/export.svg', async (req, res) => {
    const found = await organiserDocument(req, res);
    if (!found) return;
    const { doc, images } = found;
    const svg = await exported(res, { kind: 'svg', doc, images });
    if (!svg) return;
    res.set({
      'Content-Type': 'image/svg+xml',
      'Content-Disposition': attachmentName(namedBoard(doc), 'svg'),
    });
    res.send(svg);
  });

  router.get('/boards/:id/export.png', async (req, res) => {
    const q = validPngQuery(req.query, res);
    if (!q) return;
    const found = await organiserDocument(req, res);
    if (!found) return;
    const { doc, images } = found;
    const png = await exported(res, { kind: 'png', doc, size: q.size, images });
    if (!png) return;
    res.set({
      'Content-Type': 'image/png',
      'Content-Disposition': attachmentName(namedBoard(doc), pngFile(q.size)),
    });
    res.send(png);
  });

  // The organiser's board list shows these; one per board, remade only when the board changed.
  const thumbnails = new Map<string, { seq: number; png: Buffer }>();
  router.get('/boards/:id/thumbnail.png', async (req, res) => {
    const found = await organiserDocument(req, res);
    if (!found) return;
    const { doc, images } = found;
    let cached = thumbnails.get(doc.id);
    if (!cached || cached.seq !== doc.seq) {
      const png = await exported(res, { kind: 'png', doc, size: 'thumb', images });
      if (!png) return;
      cached = { seq: doc.seq, png };
      thumbnails.set(doc.id, cached);
    }
    res.set({ 'Content-Type': 'image/png', 'Cache-Control': 'private, no-cache' });
    res.send(cached.png);
  });

  router.use(exportJobRoutes(boards));
  return router;
}

import { Router, type Request, type Response } from 'express';
import type { BoardService } from '../boards/board-service';
import type { ExportJob } from '../export/export-job';
import { ExportCancelled, ExportFailed, runExport } from '../export/run-export';
import { exportJobRoutes } from './export-job-routes';
import { attachmentName, organiserDocumentOf, pdfOptions, pdfQuery, pngQuery } from './export-request';
import { validBody } from './valid-body';

const validPdfQuery = validBody(pdfQuery);
const validPngQuery = validBody(pngQuery);

/**
 * Runs an export off the main thread; closing the download cancels it. Returns undefined when
 * it was cancelled (nobody is left to answer).
 */
async function exported(res: Response, job: ExportJob): Promise<Buffer | undefined> {
  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableEnded) abort.abort();
  };
  res.once('close', onClose);
  try {
    const { bytes, notices } = await runExport(job, abort.signal);
    if (notices.length > 0) res.set('X-Export-Placeholders', String(notices.length));
    return bytes;
  } catch (err) {
    if (err instanceof ExportCancelled) return undefined;
    if (err instanceof ExportFailed) {
      res.status(500).json({ error: err.reason, detail: err.detail });
      return undefined;
    }
    throw err;
  } finally {
    res.off('close', onClose);
  }
}

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
    res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': attachmentName(doc.title, 'pdf') });
    res.send(pdf);
  });

  router.get('/boards/:id/export.svg', async (req, res) => {
    const found = await organiserDocument(req, res);
    if (!found) return;
    const { doc, images } = found;
    const svg = await exported(res, { kind: 'svg', doc, images });
    if (!svg) return;
    res.set({ 'Content-Type': 'image/svg+xml', 'Content-Disposition': attachmentName(doc.title, 'svg') });
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
    res.set({ 'Content-Type': 'image/png', 'Content-Disposition': attachmentName(doc.title, 'png') });
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

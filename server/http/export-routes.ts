import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ROLES } from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import { parseWith } from '../../shared/validate';
import type { BoardService } from '../boards/board-service';
import { loadBoardImages } from '../export/asset-images';
import type { ExportJob } from '../export/export-job';
import { PDF_PAGES } from '../export/pdf-export';
import { ExportCancelled, runExport } from '../export/run-export';
import { boardAccess } from './board-access';

const pdfQuery = z.object({
  page: z.enum(PDF_PAGES).default('board'),
  header: z.enum(['0', '1']).default('1'),
});
const pngQuery = z.object({ size: z.enum(['web', 'print']).default('web') });

function attachmentName(title: string, ext: string): string {
  const safe = title.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').slice(0, 80) || 'board';
  return `attachment; filename="board.${ext}"; filename*=UTF-8''${encodeURIComponent(safe)}.${ext}`;
}

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
    return await runExport(job, abort.signal);
  } catch (err) {
    if (err instanceof ExportCancelled) return undefined;
    throw err;
  } finally {
    res.off('close', onClose);
  }
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
    const options = { page: q.value.page, header: q.value.header === '1', date, subject };
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
    const q = parseWith(pngQuery, req.query);
    if (!q.ok) {
      res.status(400).json({ error: q.reason, detail: q.detail });
      return;
    }
    const found = await organiserDocument(req, res);
    if (!found) return;
    const { doc, images } = found;
    const png = await exported(res, { kind: 'png', doc, size: q.value.size, images });
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

  return router;
}

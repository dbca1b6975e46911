import express, { Router, type Request, type Response } from 'express';
import { z } from '../../shared/zod';
import { ROLES } from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import type { BoardService } from '../boards/board-service';
import type { ExportJob } from '../export/export-job';
import { PDF_PAGES } from '../export/pdf-options';
import { runExport } from '../export/run-export';
import { JobRegistry, type JobFile } from '../jobs/job-registry';
import { boardAccess } from './board-access';
import { publishRoutes } from './publish-routes';
import {
  attachmentName,
  namedBoard,
  organiserDocumentOf,
  pdfFile,
  pdfOptions,
  pngFile,
} from './export-request';
import { validBody } from './valid-body';

const jobBody = z.discriminatedUnion('format', [
  z.object({
    format: z.literal('pdf'),
    page: z.enum(PDF_PAGES).default('board'),
    header: z.boolean().default(true),
  }),
  z.object({ format: z.literal('png'), size: z.enum(['web', 'print']).default('web') }),
  z.object({ format: z.literal('svg') }),
]);

const validJobBody = validBody(jobBody);

const CONTENT_TYPES = { pdf: 'application/pdf', png: 'image/png', svg: 'image/svg+xml' } as const;

/**
 * Exports as jobs the console can watch and cancel: POST starts one and answers its id at
 * once, GET reports its phase and real counts from the worker, GET …/file downloads the
 * finished file, DELETE cancels (the worker thread is terminated) or frees the file.
 */
export function exportJobRoutes(boards: BoardService, jobs = new JobRegistry()): Router {
  const router = Router();

  /** The organiser's job of this board, or the refusal answered. */
  async function jobOf(req: Request, res: Response) {
    const access = await boardAccess(boards, req, res);
    if (!access) return undefined;
    if (access.role !== ROLES.organiser) {
      res.status(403).json({ error: REJECT.forbidden });
      return undefined;
    }
    const job = jobs.get(access.board.meta.id, String(req.params['jobId']));
    if (!job) res.status(404).json({ error: REJECT.unknownJob });
    return job;
  }

  router.post('/boards/:id/export-jobs', express.json({ limit: '4kb' }), async (req, res) => {
    const spec = validJobBody(req.body, res);
    if (!spec) return;
    const found = await organiserDocumentOf(boards, req, res);
    if (!found) return;
    const { doc, images } = found;
    const task: ExportJob =
      spec.format === 'pdf'
        ? { kind: 'pdf', doc, images, options: pdfOptions(doc, spec.page, spec.header) }
        : spec.format === 'png'
          ? { kind: 'png', doc, images, size: spec.size }
          : { kind: 'svg', doc, images };
    const file =
      spec.format === 'pdf' ? pdfFile(spec.page) : spec.format === 'png' ? pngFile(spec.size) : 'svg';
    const job = jobs.start(doc.id, spec.format, async (signal, onProgress): Promise<JobFile> => {
      const { bytes, notices } = await runExport(task, signal, onProgress);
      return {
        bytes,
        placeholders: notices.length,
        contentType: CONTENT_TYPES[spec.format],
        disposition: attachmentName(namedBoard(doc), file),
      };
    });
    if (!job) {
      res.status(429).json({ error: REJECT.rateLimited });
      return;
    }
    res.status(202).set('Cache-Control', 'no-store').json(jobs.view(job));
  });

  router.get('/boards/:id/export-jobs/:jobId', async (req, res) => {
    const job = await jobOf(req, res);
    if (job) res.set('Cache-Control', 'no-store').json(jobs.view(job));
  });

  router.get('/boards/:id/export-jobs/:jobId/file', async (req, res) => {
    const job = await jobOf(req, res);
    if (!job) return;
    if (!job.file) {
      res.status(409).json({ error: REJECT.jobNotReady, state: job.state });
      return;
    }
    res.set({
      'Content-Type': job.file.contentType,
      'Content-Disposition': job.file.disposition,
      'Cache-Control': 'no-store',
    });
    res.send(job.file.bytes);
  });

  router.use(publishRoutes(boards, jobs));

  router.delete('/boards/:id/export-jobs/:jobId', async (req, res) => {
    const job = await jobOf(req, res);
    if (!job) return;
    jobs.cancel(job);
    res.status(204).end();
  });

  return router;
}

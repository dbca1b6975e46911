import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { ROLES } from '../../shared/protocol';
import { PUBLISH_LIMITS } from '../../shared/publish';
import { REJECT } from '../../shared/reject-reasons';
import type { BoardService } from '../boards/board-service';
import type { ExportJob } from '../export/export-job';
import { isMp4 } from '../export/mp4-check';
import { runExport } from '../export/run-export';
import type { JobRegistry } from '../jobs/job-registry';
import { boardAccess } from './board-access';
import { attachmentName, namedBoard, organiserDocumentOf, pdfOptions } from './export-request';
import { exported } from './exported';

const ZIP = 'application/zip';

/**
 * Publishing needs the organiser's recorded consent (meta.consentPublish, set on the organiser
 * page): refused before a byte of the video is read, with the reason and what to do.
 */
async function consentGiven(boards: BoardService, req: Request, res: Response, next: NextFunction) {
  const access = await boardAccess(boards, req, res);
  if (!access) return;
  if (access.role !== ROLES.organiser) {
    res.status(403).json({ error: REJECT.forbidden });
    return;
  }
  if (!access.board.meta.consentPublish) {
    res.status(409).json({
      error: REJECT.consentRequired,
      detail: 'consentPublish is not set: record the consent to publish on the organiser page first',
    });
    return;
  }
  next();
}

/** The time-lapse as the organiser sent it (any content type: the bytes decide), bounded. */
const videoBody = express.raw({ type: () => true, limit: PUBLISH_LIMITS.videoBytes });

/** The publish task of the request's board, or the refusal answered. */
async function publishTask(
  boards: BoardService,
  req: Request,
  res: Response,
): Promise<ExportJob | undefined> {
  const body: unknown = req.body;
  const video = Buffer.isBuffer(body) && body.length > 0 ? body : undefined;
  if (video && !isMp4(video)) {
    res.status(415).json({ error: REJECT.unsupportedVideo, detail: 'the time-lapse must be an MP4 file' });
    return undefined;
  }
  const found = await organiserDocumentOf(boards, req, res);
  if (!found) return undefined;
  const { doc, images } = found;
  return {
    kind: 'publish',
    doc,
    images,
    options: pdfOptions(doc, 'board', true),
    ...(video ? { video } : {}),
  };
}

/**
 * 「公開用にまとめる」: the board as a zip a static web host serves as it is. GET answers it at
 * once (no video); POST …/publish-jobs starts a job the console watches, the body optionally
 * the organiser's time-lapse MP4; the job is then read and cancelled like any export job.
 */
export function publishRoutes(boards: BoardService, jobs: JobRegistry): Router {
  const router = Router();
  const gate = (req: Request, res: Response, next: NextFunction) => consentGiven(boards, req, res, next);

  router.get('/boards/:id/publish.zip', gate, async (req, res) => {
    const task = await publishTask(boards, req, res);
    if (!task) return;
    const zip = await exported(res, task);
    if (!zip) return;
    res.set({ 'Content-Type': ZIP, 'Content-Disposition': attachmentName(namedBoard(task.doc), 'publish') });
    res.send(zip);
  });

  router.post('/boards/:id/publish-jobs', gate, videoBody, async (req, res) => {
    const task = await publishTask(boards, req, res);
    if (!task) return;
    const disposition = attachmentName(namedBoard(task.doc), 'publish');
    const job = jobs.start(task.doc.id, 'publish', async (signal, onProgress) => {
      const { bytes, notices } = await runExport(task, signal, onProgress);
      return { bytes, placeholders: notices.length, contentType: ZIP, disposition };
    });
    if (!job) {
      res.status(429).json({ error: REJECT.rateLimited });
      return;
    }
    res.status(202).set('Cache-Control', 'no-store').json(jobs.view(job));
  });

  return router;
}

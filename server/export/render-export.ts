import type { JobProgress } from '../../shared/job-progress';
import type { ExportNotice, ImageBytes } from './asset-images';
import type { ExportJob } from './export-job';
import { boardPdf } from './pdf-export';
import { boardPng } from './png-export';
import { boardPublishZip } from './publish-bundle';
import { boardSvg } from './svg-export';

export interface RenderedExport {
  bytes: Buffer;
  /** What was drawn otherwise (an image as a placeholder), for the job to report. */
  notices: ExportNotice[];
}

/**
 * One export job rendered: the single entry point for whatever process runs exports (the
 * export child, a worker), so the file and its notices come from one place. Images arrive as
 * plain bytes (they crossed a process or thread boundary).
 */
export async function renderExport(
  job: ExportJob,
  onProgress?: (p: JobProgress) => void,
): Promise<RenderedExport> {
  const images = new Map<string, ImageBytes>(
    [...job.images].map(([id, i]) => [id, { mime: i.mime, bytes: Buffer.from(i.bytes) }]),
  );
  const notices: ExportNotice[] = [];
  const onNotice = (n: ExportNotice) => notices.push(n);
  switch (job.kind) {
    case 'pdf':
      return { bytes: await boardPdf(job.doc, job.options, images, onProgress, onNotice), notices };
    case 'png':
      return { bytes: await boardPng(job.doc, job.size, images, onProgress, onNotice), notices };
    case 'publish': {
      const input = { doc: job.doc, pdf: job.options, video: job.video };
      return { bytes: await boardPublishZip(input, images, onProgress, onNotice), notices };
    }
    case 'svg': {
      const svg = boardSvg(
        job.doc,
        images,
        (done, total) => onProgress?.({ phase: 'scene', done, total }),
        onNotice,
      );
      return { bytes: Buffer.from(svg, 'utf8'), notices };
    }
  }
}

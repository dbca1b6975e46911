import { parentPort } from 'node:worker_threads';
import type { ImageBytes } from './asset-images';
import type { ExportJob, ExportReply } from './export-job';
import { boardPdf } from './pdf-export';
import { boardPng } from './png-export';
import { boardSvg } from './svg-export';

/**
 * Runs on a worker thread: PDF and PNG exports of a big board take seconds of CPU, which on
 * the main thread would freeze every live viewer of every board while they ran.
 */
function buffers(images: ExportJob['images']): Map<string, ImageBytes> {
  return new Map([...images].map(([id, i]) => [id, { mime: i.mime, bytes: Buffer.from(i.bytes) }]));
}

async function run(job: ExportJob): Promise<Buffer> {
  switch (job.kind) {
    case 'pdf':
      return boardPdf(job.doc, job.options, buffers(job.images));
    case 'png':
      return boardPng(job.doc, job.size, buffers(job.images));
    case 'svg':
      return Buffer.from(boardSvg(job.doc, buffers(job.images)), 'utf8');
  }
}

parentPort?.on('message', (job: ExportJob) => {
  run(job).then(
    (bytes) => parentPort?.postMessage({ ok: true, bytes } satisfies ExportReply),
    (err: unknown) => parentPort?.postMessage({ ok: false, message: String(err) } satisfies ExportReply),
  );
});

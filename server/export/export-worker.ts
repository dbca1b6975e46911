import { parentPort } from 'node:worker_threads';
import type { JobProgress } from '../../shared/job-progress';
import { restoreArchive } from '../boards/archive';
import type { ImageBytes } from './asset-images';
import type { ExportJob, WorkerMessage, WorkerTask } from './export-job';
import { boardPdf } from './pdf-export';
import { boardPng } from './png-export';
import { boardSvg } from './svg-export';

/**
 * Runs on a worker thread: PDF and PNG exports of a big board and the check of a big archive
 * take seconds of CPU, which on the main thread would freeze every live viewer of every board.
 */
function buffers(images: ExportJob['images']): Map<string, ImageBytes> {
  return new Map([...images].map(([id, i]) => [id, { mime: i.mime, bytes: Buffer.from(i.bytes) }]));
}

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

function progress(p: JobProgress): void {
  post({ type: 'progress', ...p });
}

async function run(task: WorkerTask): Promise<WorkerMessage> {
  switch (task.kind) {
    case 'pdf':
      return { type: 'bytes', bytes: await boardPdf(task.doc, task.options, buffers(task.images), progress) };
    case 'png':
      return { type: 'bytes', bytes: await boardPng(task.doc, task.size, buffers(task.images), progress) };
    case 'svg': {
      const svg = boardSvg(task.doc, buffers(task.images), (done, total) =>
        progress({ phase: 'scene', done, total }),
      );
      return { type: 'bytes', bytes: Buffer.from(svg, 'utf8') };
    }
    case 'restore': {
      const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
      return { type: 'restored', result: restoreArchive(bytes, progress) };
    }
  }
}

parentPort?.on('message', (task: WorkerTask) => {
  run(task).then(post, (err: unknown) => post({ type: 'failed', message: String(err) }));
});

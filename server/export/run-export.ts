import { Worker } from 'node:worker_threads';
import type { ExportJob, ExportReply } from './export-job';

export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
  }
}

/** Exports wait their turn: one at a time leaves the other core to the live board. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs one export on a fresh worker thread and resolves with its bytes. Aborting (the
 * organiser closed the download) terminates the worker at once: the work is really stopped.
 */
export function runExport(job: ExportJob, signal?: AbortSignal): Promise<Buffer> {
  const run = queue.then(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        if (signal?.aborted) return reject(new ExportCancelled());
        const worker = new Worker(new URL('./export-worker-boot.mjs', import.meta.url));
        const stop = () => {
          void worker.terminate();
          reject(new ExportCancelled());
        };
        signal?.addEventListener('abort', stop, { once: true });
        const done = () => {
          signal?.removeEventListener('abort', stop);
          void worker.terminate();
        };
        worker.once('message', (reply: ExportReply) => {
          done();
          if (reply.ok) resolve(Buffer.from(reply.bytes));
          else reject(new Error(reply.message));
        });
        worker.once('error', (err) => {
          done();
          reject(err);
        });
        worker.postMessage(job);
      }),
  );
  queue = run.catch(() => undefined);
  return run;
}

import { Worker } from 'node:worker_threads';
import type { JobProgress } from '../../shared/job-progress';
import type { Result } from '../../shared/result';
import type { RestoredBoard } from '../boards/archive';
import type { ExportJob, WorkerMessage, WorkerTask } from './export-job';

export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
  }
}

export type ProgressListener = (p: JobProgress) => void;

/** Work waits its turn: one at a time leaves the other core to the live board. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs one task on a fresh worker thread and resolves with its answer, passing its progress
 * messages on. Aborting (the organiser closed the download or cancelled the job) terminates
 * the worker at once: the work is really stopped, not just ignored.
 */
function runOnWorker(
  task: WorkerTask,
  signal?: AbortSignal,
  onProgress?: ProgressListener,
): Promise<WorkerMessage> {
  onProgress?.({ phase: 'queued', done: 0, total: 1 });
  const run = queue.then(
    () =>
      new Promise<WorkerMessage>((resolve, reject) => {
        if (signal?.aborted) return reject(new ExportCancelled());
        const worker = new Worker(new URL('./export-worker-boot.mjs', import.meta.url));
        const stop = () => {
          void worker.terminate();
          reject(new ExportCancelled());
        };
        signal?.addEventListener('abort', stop, { once: true });
        const done = () => {
          signal?.removeEventListener('abort', stop);
          worker.removeAllListeners('message');
          void worker.terminate();
        };
        worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'progress') {
            const { phase, done: count, total } = message;
            onProgress?.({ phase, done: count, total });
            return;
          }
          done();
          if (message.type === 'failed') reject(new Error(message.message));
          else resolve(message);
        });
        worker.once('error', (err) => {
          done();
          reject(err);
        });
        worker.postMessage(task);
      }),
  );
  queue = run.catch(() => undefined);
  return run;
}

/** An export's file bytes. */
export async function runExport(
  job: ExportJob,
  signal?: AbortSignal,
  onProgress?: ProgressListener,
): Promise<Buffer> {
  const reply = await runOnWorker(job, signal, onProgress);
  if (reply.type !== 'bytes') throw new Error(`export worker answered ${reply.type}`);
  return Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength);
}

/** An archive checked whole on the worker: the restored board, or why it is refused. */
export async function runRestore(
  bytes: Buffer,
  signal?: AbortSignal,
  onProgress?: ProgressListener,
): Promise<Result<RestoredBoard>> {
  const reply = await runOnWorker({ kind: 'restore', bytes }, signal, onProgress);
  if (reply.type !== 'restored') throw new Error(`export worker answered ${reply.type}`);
  const result = reply.result;
  if (!result.ok) return result;
  // Buffers cross the thread boundary as plain Uint8Arrays.
  const assets = result.value.assets.map((a) => ({
    ...a,
    bytes: Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength),
  }));
  return { ok: true, value: { ...result.value, assets } };
}

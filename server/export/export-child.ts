import type { JobProgress } from '../../shared/job-progress';
import { restoreArchive } from '../boards/archive';
import { writeStagedImport } from '../store/staged-import';
import type { WorkerMessage, WorkerTask } from './export-job';
import { renderExport } from './render-export';

/**
 * The export process: one task in, progress and one answer out, then it is killed. PDF and PNG
 * of a big board and the check of a big archive take seconds of CPU and call native code
 * (resvg): here a panic or a full heap ends this process only, never the one serving sockets.
 */
function post(message: WorkerMessage): void {
  process.send?.(message);
}

function progress(p: JobProgress): void {
  post({ type: 'progress', ...p });
}

async function run(task: WorkerTask): Promise<WorkerMessage> {
  if (task.kind === 'restore') {
    const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
    const restored = restoreArchive(bytes, progress);
    if (!restored.ok) return { type: 'restored', result: restored };
    const { meta, log, objects, assets } = restored.value;
    const staged = writeStagedImport(task.stageFile, log, objects, assets);
    return { type: 'restored', result: { ok: true, value: { meta, staged } } };
  }
  const { bytes, notices } = await renderExport(task, progress);
  return { type: 'bytes', bytes, notices };
}

process.once('message', (task: WorkerTask) => {
  run(task).then(post, (err: unknown) => post({ type: 'failed', message: String(err) }));
});
// The server went away (killed, crashed): nobody is left to take the answer.
process.once('disconnect', () => process.exit(0));

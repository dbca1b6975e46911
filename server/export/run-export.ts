import type { JobProgress } from '../../shared/job-progress';
import { REJECT } from '../../shared/reject-reasons';
import type { Result } from '../../shared/result';
import type { StagedBoard } from '../store/staged-import';
import { ChildCancelled, ChildFailed, childEntry, runInChild, type ChildLimits } from '../jobs/child-runner';
import type { ExportNotice } from './asset-images';
import type { ExportJob, WorkerMessage, WorkerTask } from './export-job';

export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
  }
}

/** An export process that died, grew past its memory or ran past its time: `export_failed`. */
export class ExportFailed extends Error {
  readonly reason = REJECT.exportFailed;
  readonly detail: string;
  constructor(detail: string) {
    super(`export_failed: ${detail}`);
    this.detail = detail;
  }
}

export type ProgressListener = (p: JobProgress) => void;

/** Defaults for a 2-core, few-GiB venue PC: a print PNG of a 5,000-stroke board needs ~300 MB. */
export const DEFAULT_EXPORT_LIMITS: ChildLimits = { memoryMb: 1024, timeoutMs: 5 * 60_000 };

let limits: ChildLimits = DEFAULT_EXPORT_LIMITS;

/** Set once at start from the configuration (EXPORT_MEMORY_MB, EXPORT_TIMEOUT_S). */
export function setExportLimits(next: ChildLimits): void {
  limits = next;
}

/**
 * Work waits its turn: one at a time leaves the other core to the live board. (Image checks
 * have a process of their own: server/assets/check-upload.ts.)
 */
let queue: Promise<unknown> = Promise.resolve();

const ENTRY = childEntry(import.meta.url, 'export-child');

function isAnswer(message: unknown): message is Exclude<WorkerMessage, { type: 'progress' }> {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'bytes' || type === 'restored' || type === 'failed';
}

/**
 * Runs one task in a fresh export process and resolves with its answer, passing its progress
 * on. Aborting (the organiser closed the download or cancelled the job) kills the process at
 * once: the work really stops, not just its result is ignored.
 */
function runTask(
  task: WorkerTask,
  signal?: AbortSignal,
  onProgress?: ProgressListener,
): Promise<WorkerMessage> {
  onProgress?.({ phase: 'queued', done: 0, total: 1 });
  const run = queue.then(async () => {
    if (signal?.aborted) throw new ExportCancelled();
    try {
      const answer = await runInChild({
        entry: ENTRY,
        task,
        limits,
        signal,
        isAnswer,
        onMessage: (message) => {
          const m = message as WorkerMessage;
          if (m.type === 'progress') onProgress?.({ phase: m.phase, done: m.done, total: m.total });
        },
      });
      if (answer.type === 'failed') throw new Error(answer.message);
      return answer;
    } catch (err) {
      if (err instanceof ChildCancelled) throw new ExportCancelled();
      if (err instanceof ChildFailed) throw new ExportFailed(err.message);
      throw err;
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

export interface ExportedFile {
  bytes: Buffer;
  /** What was drawn otherwise (an image as a placeholder). */
  notices: ExportNotice[];
}

/** An export's file and what it had to draw otherwise. */
export async function runExport(
  job: ExportJob,
  signal?: AbortSignal,
  onProgress?: ProgressListener,
): Promise<ExportedFile> {
  const reply = await runTask(job, signal, onProgress);
  if (reply.type !== 'bytes') throw new Error(`export process answered ${reply.type}`);
  const bytes = Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength);
  return { bytes, notices: reply.notices ?? [] };
}

/**
 * An archive checked whole in an export process, its rows staged in `stageFile`: the board's
 * meta and where its rows are, or why it is refused. The file is the caller's to remove.
 */
export async function runRestore(
  bytes: Buffer,
  stageFile: string,
  signal?: AbortSignal,
  onProgress?: ProgressListener,
): Promise<Result<StagedBoard>> {
  const reply = await runTask({ kind: 'restore', bytes, stageFile }, signal, onProgress);
  if (reply.type !== 'restored') throw new Error(`export process answered ${reply.type}`);
  return reply.result;
}

import { randomBytes } from 'node:crypto';
import {
  JOB_STATES,
  overallProgress,
  type JobKind,
  type JobProgress,
  type JobState,
  type JobView,
} from '../../shared/job-progress';

export interface JobFile {
  bytes: Buffer;
  contentType: string;
  disposition: string;
  /** Images drawn as placeholders. */
  placeholders?: number;
}

/** A failure the job can name with a reject reason (the export process died, …). */
export interface NamedFailure {
  reason: string;
  detail: string;
}

function isNamedFailure(err: unknown): err is NamedFailure {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as NamedFailure).reason === 'string' &&
    typeof (err as NamedFailure).detail === 'string'
  );
}

interface Job {
  id: string;
  boardId: string;
  kind: JobKind;
  state: JobState;
  progress: JobProgress;
  error?: string;
  detail?: string;
  file?: JobFile;
  abort: AbortController;
  expiry?: NodeJS.Timeout;
}

/** Long exports, kept in memory: a job belongs to its board, and only the organiser sees it. */
export class JobRegistry {
  readonly #jobs = new Map<string, Job>();
  readonly #maxJobs: number;
  readonly #keepMs: number;

  constructor(opts: { maxJobs?: number; keepMs?: number } = {}) {
    this.#maxJobs = opts.maxJobs ?? 16;
    // A finished file waits this long for its download, then its memory is freed.
    this.#keepMs = opts.keepMs ?? 10 * 60_000;
  }

  /**
   * Starts work and returns its job at once, or undefined when too many jobs are kept (the
   * oldest finished one is dropped first, so only running work can fill the list).
   */
  start(
    boardId: string,
    kind: JobKind,
    work: (signal: AbortSignal, onProgress: (p: JobProgress) => void) => Promise<JobFile>,
  ): Job | undefined {
    if (this.#jobs.size >= this.#maxJobs) {
      const finished = [...this.#jobs.values()].find((j) => j.state !== JOB_STATES.running);
      if (!finished) return undefined;
      this.#forget(finished);
    }
    const job: Job = {
      id: randomBytes(16).toString('base64url'),
      boardId,
      kind,
      state: JOB_STATES.running,
      progress: { phase: 'queued', done: 0, total: 1 },
      abort: new AbortController(),
    };
    this.#jobs.set(job.id, job);
    work(job.abort.signal, (p) => {
      if (job.state === JOB_STATES.running) job.progress = p;
    }).then(
      (file) => {
        if (job.state !== JOB_STATES.running) return;
        job.state = JOB_STATES.done;
        job.file = file;
        this.#expireLater(job);
      },
      (err: unknown) => {
        if (job.state !== JOB_STATES.running) return;
        job.state = JOB_STATES.failed;
        if (isNamedFailure(err)) {
          job.error = err.reason;
          job.detail = err.detail;
        } else job.error = err instanceof Error ? err.message : String(err);
        this.#expireLater(job);
      },
    );
    return job;
  }

  /** The job, only when it belongs to this board (a job id never reaches across boards). */
  get(boardId: string, id: string): Job | undefined {
    const job = this.#jobs.get(id);
    return job?.boardId === boardId ? job : undefined;
  }

  view(job: Job): JobView {
    const view: JobView = {
      id: job.id,
      kind: job.kind,
      state: job.state,
      ...job.progress,
      progress: job.state === JOB_STATES.done ? 1 : overallProgress(job.kind, job.progress),
    };
    if (job.error !== undefined) view.error = job.error;
    if (job.detail !== undefined) view.detail = job.detail;
    if (job.file?.placeholders) view.placeholders = job.file.placeholders;
    if (job.file) view.bytes = job.file.bytes.length;
    return view;
  }

  /** Cancels running work (its worker is terminated) and forgets the job and its file. */
  cancel(job: Job): void {
    if (job.state === JOB_STATES.running) {
      job.state = JOB_STATES.cancelled;
      job.abort.abort();
    }
    this.#forget(job);
  }

  /** Cancels everything: the server is stopping. */
  close(): void {
    for (const job of [...this.#jobs.values()]) this.cancel(job);
  }

  #expireLater(job: Job): void {
    job.expiry = setTimeout(() => this.#forget(job), this.#keepMs);
    job.expiry.unref();
  }

  #forget(job: Job): void {
    if (job.expiry) clearTimeout(job.expiry);
    this.#jobs.delete(job.id);
  }
}

import type { JobPhase, JobView } from '../../shared/job-progress';
import { isRejectReason, REJECT, type RejectReason } from '../../shared/reject-reasons';
import { fetchFile, type FetchedFile } from '../admin/download';
import type { ImportedBoard } from './admin-api';
import { authHeader } from './admin-api';
import { requestJson } from './board-api';

/** Where long work is, as the console shows it: the server's phases plus the upload. */
export type WorkPhase = JobPhase | 'upload';
export interface WorkProgress {
  phase: WorkPhase;
  done: number;
  total: number;
  /** The whole work in 0…1. */
  progress: number;
}

export type ExportSpec =
  | { format: 'pdf'; page: 'board' | 'a3' | 'a1'; header: boolean }
  | { format: 'png'; size: 'web' | 'print' }
  | { format: 'svg' }
  /** The publish bundle; video: the organiser's time-lapse MP4 to put in it. */
  | { format: 'publish'; video?: Blob | undefined };

export type WorkResult<T> =
  | { ok: true; value: T }
  | { ok: false; cancelled: true }
  | { ok: false; cancelled: false; status: number; reason: RejectReason | 'network' };

const POLL_MS = 250;

function jobsPath(boardId: string, rest = ''): string {
  return `/api/boards/${encodeURIComponent(boardId)}/export-jobs${rest}`;
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** The request that starts a job: JSON for the exports, the video itself (or nothing) for publishing. */
function startRequest(token: string, boardId: string, spec: ExportSpec): [string, RequestInit] {
  if (spec.format === 'publish') {
    const path = `/api/boards/${encodeURIComponent(boardId)}/publish-jobs`;
    const headers = { ...authHeader(token), 'Content-Type': 'video/mp4' };
    return [path, { method: 'POST', headers, body: spec.video ?? null }];
  }
  const headers = { ...authHeader(token), 'Content-Type': 'application/json' };
  return [jobsPath(boardId), { method: 'POST', headers, body: JSON.stringify(spec) }];
}

/**
 * Runs one export as a server job: starts it, polls its progress from the worker, fetches
 * the finished file and frees it on the server. Aborting the signal cancels the job (the
 * server terminates its worker).
 */
export async function runExportJob(
  token: string,
  boardId: string,
  spec: ExportSpec,
  onProgress: (p: WorkProgress) => void,
  signal: AbortSignal,
): Promise<WorkResult<Extract<FetchedFile, { ok: true }>>> {
  const started = await requestJson<JobView>(...startRequest(token, boardId, spec));
  if (!started.ok) return { ok: false, cancelled: false, status: started.status, reason: started.reason };
  const path = jobsPath(boardId, `/${encodeURIComponent(started.value.id)}`);
  const cancel = () =>
    void fetch(path, { method: 'DELETE', headers: authHeader(token) }).catch(() => undefined);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    let job = started.value;
    while (job.state === 'running') {
      onProgress(job);
      await wait(POLL_MS, signal);
      if (signal.aborted) return { ok: false, cancelled: true };
      const polled = await requestJson<JobView>(path, { headers: authHeader(token), cache: 'no-store' });
      if (signal.aborted) return { ok: false, cancelled: true };
      if (!polled.ok) return { ok: false, cancelled: false, status: polled.status, reason: polled.reason };
      job = polled.value;
    }
    if (job.state !== 'done') {
      const reason = isRejectReason(job.error) ? job.error : REJECT.internal;
      return { ok: false, cancelled: false, status: 500, reason };
    }
    onProgress(job);
    const file = await fetchFile(`${path}/file`, token, signal);
    if (signal.aborted) return { ok: false, cancelled: true };
    if (!file.ok) return { ok: false, cancelled: false, status: file.status, reason: file.reason };
    return { ok: true, value: file };
  } finally {
    signal.removeEventListener('abort', cancel);
    // The file (or what is left of a failed job) is not needed on the server any more.
    if (!signal.aborted) cancel();
  }
}

interface ImportLine {
  type: 'progress' | 'done' | 'refused' | 'failed';
  phase?: JobPhase;
  done?: number;
  total?: number;
  progress?: number;
  status?: number;
  error?: unknown;
  board?: ImportedBoard;
}

/** The upload's share of the import's bar; the server's check and store fill the rest. */
const UPLOAD_SHARE = 0.5;

/**
 * Sends an archive with XMLHttpRequest (fetch reports no upload progress), then reads the
 * server's progress lines as they stream in. Aborting the signal aborts the request; the
 * server then stops its check and writes nothing.
 */
export function importArchiveWithProgress(
  token: string,
  file: Blob,
  onProgress: (p: WorkProgress) => void,
  signal: AbortSignal,
): Promise<WorkResult<ImportedBoard>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    let read = 0;
    let last: ImportLine | null = null;
    const lines = (): ImportLine[] => {
      const text = xhr.responseText;
      const end = text.lastIndexOf('\n') + 1;
      const fresh = text.slice(read, end);
      read = end;
      return fresh
        .split('\n')
        .filter((l) => l.trim() !== '')
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as ImportLine];
          } catch {
            return [];
          }
        });
    };
    const take = () => {
      for (const line of lines()) {
        last = line;
        if (line.type === 'progress' && line.phase) {
          const server = Math.min(1, Math.max(0, line.progress ?? 0));
          onProgress({
            phase: line.phase,
            done: line.done ?? 0,
            total: line.total ?? 0,
            progress: UPLOAD_SHARE + (1 - UPLOAD_SHARE) * server,
          });
        }
      }
    };
    xhr.upload.onprogress = (e) => {
      const total = e.lengthComputable ? e.total : file.size;
      onProgress({
        phase: 'upload',
        done: e.loaded,
        total,
        progress: total > 0 ? (UPLOAD_SHARE * e.loaded) / total : 0,
      });
    };
    xhr.onprogress = take;
    xhr.onerror = () => resolve({ ok: false, cancelled: false, status: 0, reason: 'network' });
    xhr.onabort = () => resolve({ ok: false, cancelled: true });
    xhr.onload = () => {
      if (xhr.status !== 200) {
        let error: unknown = null;
        try {
          error = (JSON.parse(xhr.responseText) as { error?: unknown }).error;
        } catch {
          error = null;
        }
        const reason = isRejectReason(error) ? error : xhr.status === 413 ? REJECT.tooLarge : REJECT.internal;
        resolve({ ok: false, cancelled: false, status: xhr.status, reason });
        return;
      }
      take();
      const end: ImportLine | null = last;
      if (end?.type === 'done' && end.board) resolve({ ok: true, value: end.board });
      else {
        const reason = isRejectReason(end?.error) ? end.error : REJECT.internal;
        resolve({ ok: false, cancelled: false, status: end?.status ?? 500, reason });
      }
    };
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.open('POST', '/api/boards/import?progress=1');
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.send(file);
  });
}

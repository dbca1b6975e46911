import type { Request, Response } from 'express';
import { REJECT } from '../../shared/reject-reasons';
import { JOB_STATES, overallProgress, type JobProgress } from '../../shared/job-progress';
import type { BoardKeys } from '../boards/board-keys';
import type { BoardService } from '../boards/board-service';
import { ExportCancelled, ExportFailed } from '../export/run-export';
import type { StoredBoard } from '../store/store';
import { boardLinks, type BoardLinks } from './board-links';
import { publicBase } from './request-key';

/** What an import answers: the new board with its new links. */
export function importedBoard(
  board: StoredBoard,
  keys: BoardKeys,
  base: string,
): { id: string; title: string; seq: number; links: BoardLinks } {
  return {
    id: board.meta.id,
    title: board.meta.title,
    seq: board.seq,
    links: boardLinks(base, board.meta.id, keys),
  };
}

/** Progress lines at most this often: the console polls nothing, it reads the stream. */
const LINE_EVERY_MS = 100;

/**
 * `POST /api/boards/import?progress=1`: the answer is a stream of JSON lines, one per step of
 * the check (phase, done, total from the worker's replay of the log and check of the images),
 * then one last line with the outcome. Closing the request cancels: the worker is terminated
 * and nothing is written (the store step starts only if still wanted and shows the board only once whole).
 */
export async function importWithProgress(
  boards: BoardService,
  body: Buffer,
  req: Request,
  res: Response,
  publicUrl: string | undefined,
): Promise<void> {
  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableEnded) abort.abort();
  };
  res.once('close', onClose);
  res.status(200).set({ 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
  res.flushHeaders();
  let last: JobProgress | undefined;
  let lastAt = 0;
  function line(value: unknown): void {
    if (!res.writableEnded && !res.destroyed) res.write(`${JSON.stringify(value)}\n`);
  }
  function progress(p: JobProgress): void {
    const now = Date.now();
    const phaseChanged = last?.phase !== p.phase;
    if (!phaseChanged && now - lastAt < LINE_EVERY_MS && p.done < p.total) return;
    last = p;
    lastAt = now;
    line({ type: 'progress', state: JOB_STATES.running, ...p, progress: overallProgress('import', p) });
  }
  try {
    const imported = await boards.lifecycle.importArchive(body, abort.signal, progress);
    if (!imported.ok) {
      line({ type: 'refused', status: 422, error: imported.reason, detail: imported.detail });
      return;
    }
    const { board, keys } = imported.value;
    line({ type: 'done', status: 201, board: importedBoard(board, keys, publicBase(req, publicUrl)) });
  } catch (err) {
    // The status line has gone out already, so a failure is the stream's last line (the
    // server's error handler could no longer answer).
    if (err instanceof ExportFailed)
      line({ type: 'failed', status: 500, error: err.reason, detail: err.detail });
    else if (!(err instanceof ExportCancelled)) line({ type: 'failed', status: 500, error: REJECT.internal });
  } finally {
    res.off('close', onClose);
    if (!res.writableEnded) res.end();
  }
}

import type { Response } from 'express';
import type { ExportJob } from '../export/export-job';
import { ExportCancelled, ExportFailed, runExport } from '../export/run-export';

/**
 * Runs an export in an export process; closing the download cancels it. Returns undefined when
 * it was cancelled (nobody is left to answer).
 */
export async function exported(res: Response, job: ExportJob): Promise<Buffer | undefined> {
  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableEnded) abort.abort();
  };
  res.once('close', onClose);
  try {
    const { bytes, notices } = await runExport(job, abort.signal);
    if (notices.length > 0) res.set('X-Export-Placeholders', String(notices.length));
    return bytes;
  } catch (err) {
    if (err instanceof ExportCancelled) return undefined;
    if (err instanceof ExportFailed) {
      res.status(500).json({ error: err.reason, detail: err.detail });
      return undefined;
    }
    throw err;
  } finally {
    res.off('close', onClose);
  }
}

import { exportFileName, type ExportFile, type NamedBoard } from '../../shared/file-names';
import { isRejectReason, REJECT, type RejectReason } from '../../shared/reject-reasons';
import { authHeader } from '../api/admin-api';
import type { ExportSpec } from '../api/long-work';

export type FetchedFile =
  | { ok: true; blob: Blob; name: string | null }
  | { ok: false; status: number; reason: RejectReason | 'network' };

/**
 * Fetches a file with the admin token in the header (never in the address, so it stays out
 * of history and server logs) and the name the server suggests.
 */
export async function fetchFile(url: string, token: string, signal?: AbortSignal): Promise<FetchedFile> {
  let res: Response;
  try {
    res = await fetch(url, { headers: authHeader(token), cache: 'no-store', ...(signal ? { signal } : {}) });
  } catch {
    return { ok: false, status: 0, reason: 'network' };
  }
  if (!res.ok) {
    let error: unknown = null;
    try {
      error = ((await res.json()) as { error?: unknown } | null)?.error;
    } catch {
      error = null;
    }
    return { ok: false, status: res.status, reason: isRejectReason(error) ? error : REJECT.internal };
  }
  try {
    const blob = await res.blob();
    return { ok: true, blob, name: fileNameOf(res.headers.get('Content-Disposition')) };
  } catch {
    return { ok: false, status: 0, reason: 'network' };
  }
}

/** The file name of a Content-Disposition header, preferring the UTF-8 `filename*`. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(disposition) ?? /filename\s*=\s*([^;]+)/i.exec(disposition);
  return plain?.[1]?.trim() || null;
}

/** Hands a blob to the browser as a download through a temporary <a download>. */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/**
 * The file name the server would give (title, event date, what it is: shared/file-names.ts),
 * for when its answer carries none.
 */
export function fileNameFor(board: NamedBoard, what: ExportFile): string {
  return exportFileName(board, what);
}

/** What an export job makes, as file names tell it. */
export function exportFileOf(spec: ExportSpec): ExportFile {
  switch (spec.format) {
    case 'pdf':
      return spec.page === 'a3' ? 'pdfA3' : spec.page === 'a1' ? 'pdfA1' : 'pdfBoard';
    case 'png':
      return spec.size === 'print' ? 'pngPrint' : 'pngWeb';
    case 'svg':
      return 'svg';
    case 'publish':
      return 'publish';
  }
}

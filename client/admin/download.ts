import { isRejectReason, REJECT, type RejectReason } from '../../shared/reject-reasons';
import { authHeader } from '../api/admin-api';

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

/** A safe file name from a board title, for when the server gives none. */
export function fileNameFor(title: string, ext: string): string {
  const safe =
    title
      .replace(/[\\/:*?"<>|\x00-\x1f]/g, '_')
      .trim()
      .slice(0, 80) || 'board';
  return `${safe}.${ext}`;
}

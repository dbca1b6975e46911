import type { BoardDocument, BoardMeta } from '../../shared/board';
import { CLIENT_ID_HEADER } from '../../shared/client-id-header';
import type { BoardStamp } from '../../shared/board-stamps';
import type { BoardObject } from '../../shared/objects/board-object';
import type { Role } from '../../shared/protocol';
import { isRejectReason, REJECT, type RejectReason } from '../../shared/reject-reasons';

/** The snapshot as GET /api/boards/:id serves it: the canonical document plus the caller's role. */
export interface BoardSnapshot extends BoardDocument {
  role?: Role;
}

export type ApiResult<T> =
  { ok: true; value: T } | { ok: false; status: number; reason: RejectReason | 'network' };

/** Status 0 means the request never got an answer (network down, server gone). */
export async function requestJson<T>(url: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, headers: { Accept: 'application/json', ...init.headers } });
  } catch {
    return { ok: false, status: 0, reason: 'network' };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (res.ok) return { ok: true, value: body as T };
  const error = (body as { error?: unknown } | null)?.error;
  return {
    ok: false,
    status: res.status,
    reason: isRejectReason(error) ? error : fallbackReason(res.status),
  };
}

function fallbackReason(status: number): RejectReason {
  if (status === 401 || status === 403) return REJECT.badKey;
  if (status === 404) return REJECT.unknownBoard;
  return REJECT.internal;
}

/** `clientId`: the page's socket id, so the server's per-client read limit counts this page. */
export function fetchBoard(
  boardId: string,
  key: string,
  clientId: string,
): Promise<ApiResult<BoardSnapshot>> {
  return requestJson<BoardSnapshot>(`/api/boards/${encodeURIComponent(boardId)}`, {
    headers: { Authorization: `Bearer ${key}`, [CLIENT_ID_HEADER]: clientId },
    cache: 'no-store',
  });
}

/** Lifts the cover (or puts it back): a writer's key only; every open page hears `meta`. */
export function setRevealed(
  boardId: string,
  key: string,
  revealed: boolean,
): Promise<ApiResult<{ meta: BoardMeta }>> {
  return requestJson<{ meta: BoardMeta }>(`/api/boards/${encodeURIComponent(boardId)}/reveal`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ revealed }),
  });
}

/** Saves records (the selection) as a stamp of the board; recorders hear the new meta. */
export function saveBoardStamp(
  boardId: string,
  key: string,
  name: string,
  objects: readonly BoardObject[],
): Promise<ApiResult<{ stamp: BoardStamp }>> {
  return requestJson<{ stamp: BoardStamp }>(`/api/boards/${encodeURIComponent(boardId)}/stamps`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, objects }),
  });
}

export function deleteBoardStamp(boardId: string, key: string, stampId: string): Promise<ApiResult<null>> {
  return requestJson<null>(
    `/api/boards/${encodeURIComponent(boardId)}/stamps/${encodeURIComponent(stampId)}`,
    { method: 'DELETE', headers: { Authorization: `Bearer ${key}` } },
  );
}

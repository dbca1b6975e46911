import type { BoardDocument, BoardMeta } from '../../shared/board';
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

export function fetchBoard(boardId: string, key: string): Promise<ApiResult<BoardSnapshot>> {
  return requestJson<BoardSnapshot>(`/api/boards/${encodeURIComponent(boardId)}`, {
    headers: { Authorization: `Bearer ${key}` },
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

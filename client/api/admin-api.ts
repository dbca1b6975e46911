import { requestJson, type ApiResult } from './board-api';

export interface BoardLinks {
  draw: string;
  view: string;
  present: string;
}

export interface BoardSummary {
  id: string;
  title: string;
  createdAt: number;
  locked: boolean;
  seq: number;
  viewers: number;
  recorders: number;
  links: BoardLinks;
}

function auth(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

export async function listBoards(token: string): Promise<ApiResult<BoardSummary[]>> {
  const res = await requestJson<{ boards: BoardSummary[] }>('/api/boards', {
    headers: auth(token),
    cache: 'no-store',
  });
  if (!res.ok) return res;
  const boards = [...(res.value.boards ?? [])].sort((a, b) => b.createdAt - a.createdAt);
  return { ok: true, value: boards };
}

/** A board that starts behind the cover screen until the recorder reveals it. */
export interface CoverOptions {
  coverText: string;
  startsAt: string;
}

export function createBoard(
  token: string,
  title: string,
  cover: CoverOptions | null = null,
): Promise<ApiResult<BoardSummary>> {
  const body = cover ? { title, cover: true, ...cover } : { title };
  return requestJson<BoardSummary>('/api/boards', {
    method: 'POST',
    headers: { ...auth(token), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

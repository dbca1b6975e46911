import type { BoardMeta, BoardSettings } from '../../shared/board';
import type { CreateBoardBody } from '../admin/create-body';
import { requestJson, type ApiResult } from './board-api';

export interface BoardLinks {
  draw: string;
  view: string;
  present: string;
}

/** A board as GET /api/boards lists it: meta, counters, live presence and its three links. */
export interface BoardSummary {
  id: string;
  title: string;
  createdAt: number;
  locked: boolean;
  width: number;
  height: number;
  seq: number;
  viewers: number;
  recorders: number;
  /** When the last op was committed (ms since epoch), null before the first. */
  lastActivity: number | null;
  /** Bytes of the board's op log, and the budget past which ops are refused (board_full). */
  bytes: number;
  budgetBytes: number;
  meta: BoardMeta;
  links: BoardLinks;
}

/** What POST /api/boards/import answers. */
export interface ImportedBoard {
  id: string;
  title: string;
  seq: number;
  links: BoardLinks;
}

export const KEY_KINDS = { edit: 'edit', view: 'view' } as const;
export type KeyKind = (typeof KEY_KINDS)[keyof typeof KEY_KINDS];

export function authHeader(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

function boardPath(id: string, rest = ''): string {
  return `/api/boards/${encodeURIComponent(id)}${rest}`;
}

function sendJson<T>(token: string, method: string, url: string, body: unknown): Promise<ApiResult<T>> {
  return requestJson<T>(url, {
    method,
    headers: { ...authHeader(token), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Every board, newest first. */
export async function listBoards(token: string): Promise<ApiResult<BoardSummary[]>> {
  const res = await requestJson<{ boards: BoardSummary[] }>('/api/boards', {
    headers: authHeader(token),
    cache: 'no-store',
  });
  if (!res.ok) return res;
  const boards = [...(res.value.boards ?? [])].sort((a, b) => b.createdAt - a.createdAt);
  return { ok: true, value: boards };
}

/**
 * Creates a board; with a logo the same body goes as the `board` field of a multipart form
 * beside the `logo` file (the browser sets the boundary).
 */
export function createBoard(
  token: string,
  body: CreateBoardBody,
  logo: File | null = null,
): Promise<ApiResult<BoardSummary>> {
  if (!logo) return sendJson<BoardSummary>(token, 'POST', '/api/boards', body);
  const form = new FormData();
  form.append('board', JSON.stringify(body));
  form.append('logo', logo, logo.name);
  return requestJson<BoardSummary>('/api/boards', { method: 'POST', headers: authHeader(token), body: form });
}

export function updateSettings(
  token: string,
  id: string,
  settings: BoardSettings,
): Promise<ApiResult<BoardSummary>> {
  return sendJson<BoardSummary>(token, 'PATCH', boardPath(id), settings);
}

export function setLocked(token: string, id: string, locked: boolean): Promise<ApiResult<BoardSummary>> {
  return sendJson<BoardSummary>(token, 'POST', boardPath(id, '/lock'), { locked });
}

/** A new edit or view key: the old link stops at once. */
export function rotateKey(token: string, id: string, which: KeyKind): Promise<ApiResult<BoardSummary>> {
  return sendJson<BoardSummary>(token, 'POST', boardPath(id, '/rotate'), { which });
}

export function duplicateBoard(token: string, id: string, title: string): Promise<ApiResult<BoardSummary>> {
  return sendJson<BoardSummary>(token, 'POST', boardPath(id, '/duplicate'), { title });
}

export function deleteBoard(token: string, id: string): Promise<ApiResult<null>> {
  return requestJson<null>(boardPath(id), { method: 'DELETE', headers: authHeader(token) });
}

export const PDF_PAGES = ['board', 'a3', 'a1'] as const;
export type PdfPage = (typeof PDF_PAGES)[number];
export const PNG_SIZES = ['web', 'print'] as const;
export type PngSize = (typeof PNG_SIZES)[number];

export type ExportRequest =
  | { kind: 'pdf'; page: PdfPage; header: boolean }
  | { kind: 'png'; size: PngSize }
  | { kind: 'svg' }
  | { kind: 'archive' };

/** The download's address and the file name used when the server gives none. */
export function exportTarget(id: string, req: ExportRequest): { url: string; ext: string } {
  switch (req.kind) {
    case 'pdf':
      return {
        url: boardPath(id, `/export.pdf?page=${req.page}&header=${req.header ? '1' : '0'}`),
        ext: 'pdf',
      };
    case 'png':
      return { url: boardPath(id, `/export.png?size=${req.size}`), ext: 'png' };
    case 'svg':
      return { url: boardPath(id, '/export.svg'), ext: 'svg' };
    case 'archive':
      return { url: boardPath(id, '/export.grareco'), ext: 'grareco' };
  }
}

export function thumbnailUrl(id: string): string {
  return boardPath(id, '/thumbnail.png');
}

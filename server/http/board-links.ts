import type { BoardKeys } from '../boards/board-keys';

export interface BoardLinks {
  draw: string;
  view: string;
  present: string;
}

/** The three links an organiser hands out; the key rides in the query (pages send no Referer). */
export function boardLinks(base: string, boardId: string, keys: BoardKeys): BoardLinks {
  const at = (page: string, key: string) =>
    `${base}/b/${encodeURIComponent(boardId)}/${page}?key=${encodeURIComponent(key)}`;
  return {
    draw: at('draw', keys.editKey),
    view: at('view', keys.viewKey),
    present: at('present', keys.viewKey),
  };
}

export function organiserLink(base: string, adminToken: string): string {
  return `${base}/admin?token=${encodeURIComponent(adminToken)}`;
}

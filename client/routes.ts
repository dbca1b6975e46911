/** The SPA's pages, chosen from location.pathname; the server serves index.html for all of them. */
export const PAGES = {
  home: 'home',
  admin: 'admin',
  draw: 'draw',
  view: 'view',
  present: 'present',
  replay: 'replay',
  notFound: 'notFound',
} as const;
export type Page = (typeof PAGES)[keyof typeof PAGES];

export type Route =
  | { page: 'home' }
  | { page: 'admin'; token: string | null }
  | { page: 'draw' | 'view' | 'present'; boardId: string; key: string }
  /** The organiser's time-lapse: `key` from the link, else the stored admin token. */
  | { page: 'replay'; boardId: string; key: string | null }
  | { page: 'notFound' };

const BOARD_PATH = /^\/b\/([^/]+)\/(draw|view|present)\/?$/;
const REPLAY_PATH = /^\/b\/([^/]+)\/replay\/?$/;

export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  if (pathname === '/' || pathname === '') return { page: PAGES.home };
  if (pathname === '/admin' || pathname === '/admin/')
    return { page: PAGES.admin, token: params.get('token') };
  const m = BOARD_PATH.exec(pathname);
  if (m) {
    const page = m[2] as 'draw' | 'view' | 'present';
    // A missing key is still a board route: the server answers bad_key and the page explains it.
    return { page, boardId: decodeURIComponent(m[1] ?? ''), key: params.get('key') ?? '' };
  }
  const replay = REPLAY_PATH.exec(pathname);
  if (replay)
    return { page: PAGES.replay, boardId: decodeURIComponent(replay[1] ?? ''), key: params.get('key') };
  return { page: PAGES.notFound };
}

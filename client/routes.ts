/** The SPA's pages, chosen from location.pathname; the server serves index.html for all of them. */
export const PAGES = {
  home: 'home',
  admin: 'admin',
  draw: 'draw',
  view: 'view',
  present: 'present',
  notFound: 'notFound',
} as const;
export type Page = (typeof PAGES)[keyof typeof PAGES];

export type Route =
  | { page: 'home' }
  | { page: 'admin'; token: string | null }
  | { page: 'draw' | 'view' | 'present'; boardId: string; key: string }
  | { page: 'notFound' };

const BOARD_PATH = /^\/b\/([^/]+)\/(draw|view|present)\/?$/;

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
  return { page: PAGES.notFound };
}

import { organiserLink } from './http/board-links';

/** Where this start's admin token came from. */
export const TOKEN_SOURCES = { generated: 'generated', env: 'env', kept: 'kept' } as const;
export type TokenSource = (typeof TOKEN_SOURCES)[keyof typeof TOKEN_SOURCES];

/**
 * What the operator's terminal shows at start. The token itself only the once it was just
 * made, so the operator can click through; otherwise terminals, scrollback and journald
 * (which keeps stdout) would hold a copy of a secret that already lives somewhere safer.
 */
export function organiserLine(base: string, token: string, source: TokenSource, keptIn: string): string {
  if (source === TOKEN_SOURCES.generated) return `Organiser page: ${organiserLink(base, token)}`;
  const where = source === TOKEN_SOURCES.env ? 'the one in ADMIN_TOKEN' : `the one kept in ${keptIn}`;
  return `Organiser page: ${base}/admin (the admin token is ${where})`;
}

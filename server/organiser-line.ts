import { organiserLink } from './http/board-links';
import { lanBase, type LanAddress } from './lan-addresses';

/** Where this start's admin token came from. */
export const TOKEN_SOURCES = { generated: 'generated', env: 'env', kept: 'kept' } as const;
export type TokenSource = (typeof TOKEN_SOURCES)[keyof typeof TOKEN_SOURCES];

/**
 * What the operator's terminal shows at start. The token itself only the once it was just
 * made, so the operator can click through; otherwise terminals, scrollback and journald
 * (which keeps stdout) would hold a copy of a secret that already lives somewhere safer.
 */
export function organiserLine(
  base: string,
  token: string,
  source: TokenSource,
  keptIn: string,
  label = 'Organiser page',
): string {
  if (source === TOKEN_SOURCES.generated) return `${label}: ${organiserLink(base, token)}`;
  const where = source === TOKEN_SOURCES.env ? 'the one in ADMIN_TOKEN' : `the one kept in ${keptIn}`;
  return `${label}: ${base}/admin (the admin token is ${where})`;
}

export interface StartAddresses {
  /** The address the server printed first (localhost, or HOST). */
  url: string;
  port: number;
  publicUrl: string | undefined;
  lan: readonly LanAddress[];
}

export const LAN_LABEL = 'Organiser page for the hall network';

/**
 * The same page on each LAN address, printed beside the localhost one: opened from there, the
 * console's links and QR codes are ones that phones in the hall reach. None with PUBLIC_URL
 * (its links win); a hint instead when no address would reach this machine.
 */
export function lanOrganiserLines(
  { url, port, publicUrl, lan }: StartAddresses,
  line: (base: string) => string,
): string[] {
  if (publicUrl) return [];
  if (lan.length === 0)
    return ['Phones in the hall: no network address reaches this machine (check HOST, or set PUBLIC_URL)'];
  // IPv4 is what hall Wi-Fi hands out; IPv6 only when there is nothing else.
  const v4 = lan.filter((a) => a.family === 'IPv4');
  return (v4.length > 0 ? v4 : lan)
    .map((a) => lanBase(a.address, port))
    .filter((base) => base !== url)
    .map(line);
}

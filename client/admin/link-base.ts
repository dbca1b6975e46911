/** One LAN address as GET /api/admin/addresses answers it. */
export interface LanAddressView {
  address: string;
  family: 'IPv4' | 'IPv6';
  interface: string;
  /** The link base on that address: `http://192.168.1.5:3000`. */
  url: string;
}

export interface AddressesReply {
  /** PUBLIC_URL when the server has one: its links win over any choice here. */
  publicUrl: string | null;
  addresses: LanAddressView[];
}

/**
 * Names that only ever reach the machine they are typed on: localhost (and *.localhost),
 * 127.0.0.0/8, ::1 and IPv4-mapped 127.x. `hostname` as URL gives it (IPv6 in brackets).
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) ||
    h === '::1' ||
    /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(h)
  );
}

/** The same page and key on another base: `http://localhost:3000/b/x/view?key=k` → `http://192.168.1.5:3000/b/x/view?key=k`. */
export function rebase(url: string, base: string): string {
  const u = new URL(url);
  return `${base.replace(/\/+$/, '')}${u.pathname}${u.search}${u.hash}`;
}

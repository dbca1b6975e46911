import type { IncomingMessage } from 'node:http';

/** What Express's `trust proxy 'loopback'` trusts (server/http/app.ts): a proxy on this host. */
export function isLoopback(address: string): boolean {
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * The address a request came from, as Express's `req.ip` reads it: the peer, or behind a
 * trusted proxy (PUBLIC_URL set, a proxy on loopback) the rightmost X-Forwarded-For entry that
 * no trusted proxy added. Without a trusted proxy the header is anyone's to write, so ignored.
 */
export function clientAddress(req: IncomingMessage, trustLoopbackProxy: boolean): string {
  const peer = req.socket.remoteAddress ?? '';
  if (!trustLoopbackProxy || !isLoopback(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  let address = peer;
  for (let i = forwarded.length - 1; i >= 0; i--) {
    address = forwarded[i] ?? address;
    if (!isLoopback(address)) break;
  }
  return address;
}

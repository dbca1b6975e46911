import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/** One address of this machine that other devices on the hall network may reach. */
export interface LanAddress {
  address: string;
  family: 'IPv4' | 'IPv6';
  /** The interface's name (eth0, wlan0, en0), or `LAN_ADDRESSES` when the operator named it. */
  interface: string;
}

export interface LanOptions {
  /** HOST: a loopback or a single address limits what is reachable. */
  host: string | undefined;
  /** LAN_ADDRESSES: the operator's own list, taken as it is (Docker, VPN or NAT hide the real one). */
  override: readonly string[] | undefined;
}

const WILDCARD_HOSTS: ReadonlySet<string> = new Set(['', '0.0.0.0', '::']);

function familyOf(address: string): LanAddress['family'] {
  return isIP(address) === 6 ? 'IPv6' : 'IPv4';
}

/** fe80::/10 needs a zone id (`%wlan0`) that a phone's browser cannot use in a link. */
function isLinkLocalV6(address: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(address);
}

/**
 * The addresses a phone could open this server on: non-internal IPv4 first (what hall Wi-Fi
 * hands out), then routable IPv6. Read on each call, not at start: a laptop often joins the
 * hall network after the server was started.
 */
export function lanAddresses(
  { host, override }: LanOptions,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): LanAddress[] {
  if (override && override.length > 0)
    return override.map((address) => ({ address, family: familyOf(address), interface: 'LAN_ADDRESSES' }));
  const found: LanAddress[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.internal || (info.family === 'IPv6' && isLinkLocalV6(info.address))) continue;
      found.push({ address: info.address, family: info.family, interface: name });
    }
  }
  // A server bound to one address is reachable on that one only (none when it is loopback).
  const bound =
    host === undefined || WILDCARD_HOSTS.has(host) ? found : found.filter((a) => a.address === host);
  const v4 = bound.filter((a) => a.family === 'IPv4');
  const v6 = bound.filter((a) => a.family === 'IPv6');
  return [...v4, ...v6];
}

/** The base URL of this server on one address: `http://192.168.1.5:3000`, `http://[2001:db8::5]:3000`. */
export function lanBase(address: string, port: number, protocol = 'http'): string {
  const host = isIP(address) === 6 ? `[${address}]` : address;
  const defaultPort = (protocol === 'http' && port === 80) || (protocol === 'https' && port === 443);
  return `${protocol}://${host}${defaultPort ? '' : `:${port}`}`;
}

/** LAN_ADDRESSES: comma- or space-separated IP addresses; anything else is a start-up error. */
export function parseLanAddresses(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const list = raw.split(/[\s,]+/).filter((a) => a !== '');
  for (const address of list) {
    if (isIP(address) === 0) throw new Error(`LAN_ADDRESSES must list IP addresses, got ${address}`);
  }
  return list;
}

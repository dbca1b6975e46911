import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../server/socket/client-address';
import { FailedHandshakes } from '../../server/socket/failed-handshakes';

function request(peer: string, forwarded?: string): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  } as unknown as IncomingMessage;
}

describe('failed handshakes per address', () => {
  it('goes over after `limit` failures and lifts when the window has passed', () => {
    let now = 0;
    const f = new FailedHandshakes({ limit: 3, windowMs: 1_000, maxAddresses: 100 }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(f.over('a')).toBe(false);
      f.record('a');
    }
    expect(f.over('a')).toBe(true);
    expect(f.over('b')).toBe(false);
    now = 999;
    expect(f.over('a')).toBe(true);
    now = 1_000;
    expect(f.over('a')).toBe(false);
  });

  it('remembers at most maxAddresses', () => {
    let now = 0;
    const f = new FailedHandshakes({ limit: 1, windowMs: 1_000, maxAddresses: 10 }, () => now);
    for (let i = 0; i < 1_000; i++) f.record(`10.0.${i >> 8}.${i & 255}`);
    // The newest are still counted; the map never held more than 10.
    expect(f.over('10.0.3.231')).toBe(true);
    expect(f.over('10.0.0.0')).toBe(false);
    now = 2_000;
    expect(f.over('10.0.3.231')).toBe(false);
  });
});

describe('the address of a handshake', () => {
  it('is the peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('203.0.113.5', '198.51.100.1'), false)).toBe('203.0.113.5');
    expect(clientAddress(request('127.0.0.1', '198.51.100.1'), false)).toBe('127.0.0.1');
  });

  it('behind a trusted proxy on loopback, the rightmost entry no local proxy added', () => {
    expect(clientAddress(request('127.0.0.1', '10.1.1.1, 198.51.100.1'), true)).toBe('198.51.100.1');
    expect(clientAddress(request('::ffff:127.0.0.1', '198.51.100.1, ::1'), true)).toBe('198.51.100.1');
    expect(clientAddress(request('127.0.0.1'), true)).toBe('127.0.0.1');
    // A peer that is not the local proxy cannot choose its address by writing the header.
    expect(clientAddress(request('203.0.113.5', '198.51.100.1'), true)).toBe('203.0.113.5');
  });
});

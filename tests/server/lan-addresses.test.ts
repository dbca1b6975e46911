import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv } from '../../server/config';
import { lanAddresses, lanBase, parseLanAddresses } from '../../server/lan-addresses';
import { LAN_LABEL, lanOrganiserLines } from '../../server/organiser-line';
import { spawnServer, type ServerProcess } from '../helpers/server-process';
import { createBoard, keyOf, waitUntil } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;
interface AddressesReply {
  publicUrl: string | null;
  addresses: { address: string; family: string; interface: string; url: string }[];
}

const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
/** TEST-NET addresses (RFC 5737 / 3849): never a real machine's. */
const HALL = '192.0.2.10';
const HALL_V6 = '2001:db8::10';

function info(address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo {
  const common = { address, netmask: '', mac: '00:00:00:00:00:00', internal, cidr: null };
  return family === 'IPv4' ? { ...common, family } : { ...common, family, scopeid: 0 };
}

async function addresses(server: Server, headers: Record<string, string> = ADMIN) {
  // Straight to the port: with PUBLIC_URL set, server.url is the proxy's address.
  const res = await fetch(`http://127.0.0.1:${server.port}/api/admin/addresses`, { headers });
  return { status: res.status, body: (await res.json()) as AddressesReply };
}

describe('GET /api/admin/addresses', () => {
  const servers: Server[] = [];
  async function start(overrides: Parameters<typeof startTestServer>[1]): Promise<Server> {
    const server = await startTestServer('memory', overrides);
    servers.push(server);
    return server;
  }
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  let hall: Server;
  beforeAll(async () => {
    hall = await start({ lanAddresses: [HALL, HALL_V6] });
  });

  it('is for the organiser only: 401 without the token, with a wrong one, with a board key', async () => {
    expect((await addresses(hall, {})).status).toBe(401);
    expect((await addresses(hall, { authorization: 'Bearer not-the-token' })).status).toBe(401);
    const board = await createBoard(hall.url, TEST_ADMIN_TOKEN);
    for (const link of [board.links.draw, board.links.view]) {
      const { status, body } = await addresses(hall, { authorization: `Bearer ${keyOf(link)}` });
      expect(status).toBe(401);
      expect(body).not.toHaveProperty('addresses');
    }
    const q = await fetch(`${hall.url}/api/admin/addresses?key=${keyOf(board.links.draw)}`);
    expect(q.status).toBe(401);
  });

  it('answers LAN_ADDRESSES as link bases on the port the organiser reached, IPv6 in brackets', async () => {
    const { status, body } = await addresses(hall);
    expect(status).toBe(200);
    expect(body).toEqual({
      publicUrl: null,
      addresses: [
        { address: HALL, family: 'IPv4', interface: 'LAN_ADDRESSES', url: `http://${HALL}:${hall.port}` },
        {
          address: HALL_V6,
          family: 'IPv6',
          interface: 'LAN_ADDRESSES',
          url: `http://[${HALL_V6}]:${hall.port}`,
        },
      ],
    });
  });

  it('lists what this machine really has when nothing is named, non-internal IPv4 first', async () => {
    // The machine may have only loopback, or loopback and one interface: either way the
    // answer is its own non-internal, non-link-local addresses, IPv4 before IPv6.
    const server = await start({ host: '0.0.0.0' });
    const { body } = await addresses(server);
    const real = Object.values(networkInterfaces())
      .flat()
      .filter((i): i is NetworkInterfaceInfo => i !== undefined && !i.internal)
      .filter((i) => !(i.family === 'IPv6' && /^fe80:/i.test(i.address)));
    expect(body.addresses.map((a) => a.address).sort()).toEqual(real.map((i) => i.address).sort());
    const families = body.addresses.map((a) => a.family);
    expect(families).toEqual([...families].sort()); // 'IPv4' < 'IPv6'
    for (const a of body.addresses) expect(a.url).toBe(lanBase(a.address, server.port));
  });

  it('offers nothing when the server listens on loopback only (phones could not reach it)', async () => {
    const server = await start({ host: '127.0.0.1' });
    expect((await addresses(server)).body.addresses).toEqual([]);
  });

  it('says PUBLIC_URL when it is set, since the links use it', async () => {
    const server = await start({ publicUrl: 'https://grareco.example.org/' });
    expect((await addresses(server)).body.publicUrl).toBe('https://grareco.example.org');
  });
});

describe('the LAN addresses of this machine', () => {
  const table = {
    lo: [info('127.0.0.1', 'IPv4', true), info('::1', 'IPv6', true)],
    wlan0: [info('fe80::1c2d:3e4f', 'IPv6'), info('2001:db8::5', 'IPv6'), info('192.168.1.5', 'IPv4')],
    eth0: [info('10.0.0.7', 'IPv4')],
  };

  it('skip loopback and link-local IPv6; IPv4 first', () => {
    expect(lanAddresses({ host: '0.0.0.0', override: undefined }, table)).toEqual([
      { address: '192.168.1.5', family: 'IPv4', interface: 'wlan0' },
      { address: '10.0.0.7', family: 'IPv4', interface: 'eth0' },
      { address: '2001:db8::5', family: 'IPv6', interface: 'wlan0' },
    ]);
  });

  it('follow HOST: one address when bound to it, none on loopback', () => {
    expect(lanAddresses({ host: '10.0.0.7', override: undefined }, table).map((a) => a.address)).toEqual([
      '10.0.0.7',
    ]);
    expect(lanAddresses({ host: '127.0.0.1', override: undefined }, table)).toEqual([]);
  });

  it('are the operator’s LAN_ADDRESSES when set, checked at start', () => {
    expect(configFromEnv({ LAN_ADDRESSES: '192.0.2.10, 2001:db8::10' }).lanAddresses).toEqual([
      '192.0.2.10',
      '2001:db8::10',
    ]);
    expect(configFromEnv({}).lanAddresses).toBeUndefined();
    expect(() => parseLanAddresses('hall.local')).toThrow(/LAN_ADDRESSES/);
    expect(lanBase('192.0.2.10', 80)).toBe('http://192.0.2.10');
  });
});

describe('the start-up lines', () => {
  const lan = [
    { address: '192.168.1.5', family: 'IPv4', interface: 'wlan0' },
    { address: '2001:db8::5', family: 'IPv6', interface: 'wlan0' },
  ] as const;
  const line = (base: string) => `${LAN_LABEL}: ${base}/admin`;

  it('give the IPv4 LAN link, none with PUBLIC_URL, a hint when nothing reaches the machine', () => {
    const url = 'http://localhost:3000';
    expect(lanOrganiserLines({ url, port: 3000, publicUrl: undefined, lan }, line)).toEqual([
      `${LAN_LABEL}: http://192.168.1.5:3000/admin`,
    ]);
    expect(lanOrganiserLines({ url, port: 3000, publicUrl: 'https://x.example', lan }, line)).toEqual([]);
    expect(lanOrganiserLines({ url, port: 3000, publicUrl: undefined, lan: [] }, line)[0]).toMatch(
      /no network address/,
    );
  });

  it('are printed by the server beside the localhost one', async () => {
    let server: ServerProcess | undefined;
    try {
      server = await spawnServer({
        GRARECO_STORE: 'memory',
        ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        LAN_ADDRESSES: HALL,
      });
      const running = server;
      await waitUntil(() => running.output().includes(`${LAN_LABEL}:`), 20_000, 'the LAN line');
      const out = running.output();
      const port = new URL(server.url).port;
      expect(out).toMatch(new RegExp(`Organiser page: http://127\\.0\\.0\\.1:${port}/admin`));
      expect(out).toContain(
        `${LAN_LABEL}: http://${HALL}:${port}/admin (the admin token is the one in ADMIN_TOKEN)`,
      );
      expect(out).not.toContain(TEST_ADMIN_TOKEN);
    } finally {
      server?.child.kill('SIGTERM');
      await server?.exited;
    }
  }, 60_000);
});

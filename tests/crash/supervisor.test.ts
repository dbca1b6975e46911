import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type OpAck } from '../../shared/protocol';
import { WIRE } from '../../shared/wire';
import { addOp, makeStroke } from '../helpers/fixtures';
import { freePort } from '../helpers/free-port';
import { compileServer, spawnSupervised, type SupervisedServer } from '../helpers/server-process';
import { createBoard, getBoardDoc, keyOf, waitUntil, type ClientSocket } from '../helpers/socket-clients';

const ADMIN = 'supervisor-test-admin-token';
/** The contract: a new server process serves within this long after the last one died. */
const BACK_WITHIN_MS = 5_000;

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(500) })).status === 200;
  } catch {
    return false;
  }
}

/** Polls /healthz from the moment of a death; the ms until it answers 200 again. */
async function msUntilHealthy(url: string, since: number): Promise<number> {
  for (;;) {
    if (await healthy(url)) return Date.now() - since;
    if (Date.now() - since > 20_000) throw new Error(`${url} did not come back in 20 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function waitForPid(server: SupervisedServer, count: number): Promise<number> {
  await waitUntil(() => server.servingPids().length >= count, 20_000, `server process #${count}`);
  return server.servingPids()[count - 1] as number;
}

function recorder(url: string, boardId: string, key: string): ClientSocket {
  return io(url, {
    ...WIRE,
    auth: { boardId, key, clientId: 'supervised-recorder', protocol: PROTOCOL_VERSION },
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
  });
}

describe('npm start supervises the server process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'grareco-supervised-'));
  let server: SupervisedServer;
  let url: string;
  let board: Awaited<ReturnType<typeof createBoard>>;
  const acked = new Set<string>();
  let strokeNo = 0;

  beforeAll(async () => {
    compileServer();
    server = await spawnSupervised({ DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, PORT: String(await freePort()) });
    url = server.url;
    board = await createBoard(url, ADMIN, 'supervised');
  }, 180_000);
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  // kill -9; a native crash (SIGSEGV, SIGABRT, which is also how V8 ends a process whose heap
  // is full); SIGKILL is also what the kernel's out-of-memory killer sends.
  it.each(['SIGKILL', 'SIGSEGV', 'SIGABRT'] as const)(
    'after %s of the serving process, a new one serves on the same port within 5 s and the queued strokes arrive',
    async (signal) => {
      const deaths = server.servingPids().length;
      const pid = await waitForPid(server, deaths);
      const socket = recorder(url, board.id, keyOf(board.links.draw));
      await waitUntil(() => socket.connected, 5000, 'the recorder to connect');
      for (let i = 0; i < 10; i++) {
        const id = `s${strokeNo++}`;
        const ack = await socket.timeout(5000).emitWithAck('op', addOp(makeStroke(i * 10, 0, 6, id)));
        if (ack.ok) acked.add(id);
      }
      const killedAt = Date.now();
      process.kill(pid, signal);
      await waitUntil(() => !socket.connected, 5000, 'the recorder to see the drop');
      // Drawn while the server is down: socket.io-client holds them and sends on reconnect.
      const queued: { id: string; ack: Promise<OpAck> }[] = [];
      for (let i = 0; i < 5; i++) {
        const id = `q${strokeNo++}`;
        queued.push({
          id,
          ack: socket.timeout(20_000).emitWithAck('op', addOp(makeStroke(i * 10, 50, 6, id))),
        });
      }
      const backIn = await msUntilHealthy(url, killedAt);
      expect(backIn).toBeLessThan(BACK_WITHIN_MS);
      const next = await waitForPid(server, deaths + 1);
      expect(next).not.toBe(pid);
      for (const q of queued) {
        const ack = await q.ack;
        expect(ack.ok).toBe(true);
        acked.add(q.id);
      }
      socket.disconnect();
      const doc = await getBoardDoc(url, board.id, keyOf(board.links.view));
      const present = new Set(doc.body.objects.map((o) => o.id));
      expect([...acked].filter((id) => !present.has(id))).toEqual([]);
      expect(server.output()).toContain(`server process ${pid} died: signal ${signal}`);
    },
    60_000,
  );
});

describe('a server process that cannot start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'grareco-backoff-'));
  let blocker: Server | undefined;
  afterAll(() => {
    blocker?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is restarted with a growing backoff, each death logged, and serves once it can', async () => {
    compileServer();
    const port = await freePort();
    blocker = createServer();
    await new Promise<void>((r) => blocker?.listen(port, '127.0.0.1', () => r()));
    const delaysIn = (out: string) =>
      [...out.matchAll(/died: exit code 1; restarting in (\d+) ms/g)].map((m) => Number(m[1]));
    let deaths = 0;
    // Each start fails on the taken port (EADDRINUSE) until the port is given back.
    const starting = spawnSupervised(
      { DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, PORT: String(port) },
      { onOutput: (out) => (deaths = delaysIn(out).length) },
    );
    await waitUntil(() => deaths >= 3, 60_000, 'three failed starts');
    await new Promise<void>((r) => blocker?.close(() => r()));
    blocker = undefined;
    const server = await starting;
    const seen = delaysIn(server.output());
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1] as number);
    expect(await healthy(server.url)).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 120_000);
});

import { WIRE } from '../../shared/wire';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { OpAck } from '../../shared/protocol';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { addOp, makeStroke } from '../helpers/fixtures';
import { freePort } from '../helpers/free-port';
import { spawnServer, spawnSupervised, type ServerProcess } from '../helpers/server-process';
import { createBoard, getBoardDoc, keyOf, waitUntil, type ClientSocket } from '../helpers/socket-clients';

const ADMIN = 'sigterm-test-admin-token';

/** The bare server (`npm run serve`) and `npm start`'s supervisor, which passes the signal on. */
const STARTS = [
  ['the server process', (env: Record<string, string>) => spawnServer(env)],
  ['npm start (supervised)', (env: Record<string, string>) => spawnSupervised(env)],
] as const;

describe.each(STARTS)(
  'SIGTERM to %s',
  (_name, start: (env: Record<string, string>) => Promise<ServerProcess>) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'grareco-term-'));
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    it('finishes in-flight ops, says why it closes, and clients come back by themselves', async () => {
      const env = { DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN, PORT: String(await freePort()) };
      let server = await start(env);
      const board = await createBoard(server.url, ADMIN, 'term');
      const socket: ClientSocket = io(server.url, {
        ...WIRE,
        auth: {
          boardId: board.id,
          key: keyOf(board.links.draw),
          clientId: 'term-client',
          protocol: PROTOCOL_VERSION,
        },
        reconnectionDelay: 100,
        reconnectionDelayMax: 300,
      });
      let connects = 0;
      const notices: string[] = [];
      socket.on('connect', () => connects++);
      socket.on('notice', (n) => notices.push(n.reason));
      await waitUntil(() => connects === 1);

      const inFlight: Promise<OpAck>[] = [];
      for (let i = 0; i < 30; i++)
        inFlight.push(socket.timeout(5000).emitWithAck('op', addOp(makeStroke(i, i, 6, `t${i}`))));
      server.child.kill('SIGTERM');
      const settled = await Promise.allSettled(inFlight);
      expect(await server.exited).toBe(0);
      const acked = settled.flatMap((s, i) => (s.status === 'fulfilled' && s.value.ok ? [`t${i}`] : []));
      expect(acked.length).toBeGreaterThan(0);
      expect(notices).toContain('server_restart');

      // Stopped on request, the supervisor did not start another server process by itself.
      expect(server.output().match(/listening on/g)?.length).toBe(1);
      server = await start(env);
      await waitUntil(() => connects === 2, 10_000, 'the client to reconnect by itself');
      const doc = await getBoardDoc(server.url, board.id, keyOf(board.links.view));
      const ids = new Set(doc.body.objects.map((o) => o.id));
      expect(acked.filter((id) => !ids.has(id))).toEqual([]);
      socket.disconnect();
      server.child.kill('SIGTERM');
      await server.exited;
    });
  },
);

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { addOp, makeStroke } from '../helpers/fixtures';
import { spawnServer } from '../helpers/server-process';
import { connectClient, createBoard, getBoardDoc, keyOf } from '../helpers/socket-clients';

const ADMIN = 'crash-test-admin-token';
/** How many kill -9 rounds; each draws for a random moment and is killed mid-stream. */
const ROUNDS = Number(process.env['GRARECO_KILL_ROUNDS'] ?? 20);

describe('kill -9 while the recorder draws', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'grareco-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(`loses no acknowledged op over ${ROUNDS} kills`, async () => {
    // Fixed seed: the kill moments are random but the same on every run.
    const delays = fc.sample(fc.integer({ min: 50, max: 700 }), { numRuns: ROUNDS, seed: 20261127 });
    const env = { DATA_DIR: dataDir, ADMIN_TOKEN: ADMIN };
    let server = await spawnServer(env);
    const board = await createBoard(server.url, ADMIN, 'crash');
    const editKey = keyOf(board.links.draw);
    const acked = new Map<string, number>();
    let strokeNo = 0;

    for (const delay of delays) {
      const recorder = await connectClient(server.url, board.id, editKey);
      recorder.socket.io.opts.reconnection = false;
      let drawing = true;
      // Several ops in flight at once, as a fast recorder with a lagging network would have.
      const pumps = [0, 1, 2].map(async () => {
        while (drawing) {
          const stroke = makeStroke(strokeNo % 3000, strokeNo % 2000, 12, `r${strokeNo++}`);
          try {
            const ack = await recorder.send(addOp(stroke));
            if (ack.ok) acked.set(stroke.id, ack.seq);
          } catch {
            return; // the server died mid-flight: this op was never acknowledged
          }
        }
      });
      await new Promise((r) => setTimeout(r, delay));
      server.child.kill('SIGKILL');
      await server.exited;
      drawing = false;
      await Promise.all(pumps);
      recorder.close();

      server = await spawnServer(env);
      const doc = await getBoardDoc(server.url, board.id, editKey);
      expect(doc.status).toBe(200);
      const present = new Set(doc.body.objects.map((o) => o.id));
      const lost = [...acked.keys()].filter((id) => !present.has(id));
      expect(lost).toEqual([]);
      expect(doc.body.seq).toBeGreaterThanOrEqual(Math.max(0, ...acked.values()));
      // The log is gap-free and agrees with the objects: one add per object.
      expect(doc.body.objects.length).toBe(doc.body.seq);
    }
    expect(acked.size).toBeGreaterThan(ROUNDS);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 300_000);
});

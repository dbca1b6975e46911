import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardObjectSchema } from '../../shared/objects/board-object';
import { addOp, makeStroke } from '../helpers/fixtures';
import {
  connectClient,
  createBoard,
  getBoardDoc,
  keyOf,
  type CreatedBoard,
  type TestClient,
} from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const SEED = 424242;

/** A valid op with one field replaced by something arbitrary, or an arbitrary value outright. */
function payloads(n: number, seed: number): unknown[] {
  const valid = fc
    .constant(null)
    .map(() => addOp(makeStroke(10, 10, 5)) as unknown as Record<string, unknown>);
  const mutated = fc
    .tuple(valid, fc.constantFrom('id', 'kind', 'objects', 'ids', '__proto__', 'constructor'), fc.anything())
    .map(([op, key, value]) => ({ ...op, [key]: value }));
  const mutatedObject = fc
    .tuple(
      valid,
      fc.constantFrom('id', 'type', 'tool', 'color', 'size', 'opacity', 'points', 'simulatePressure'),
      fc.anything({ withBigInt: false }),
    )
    .map(([op, key, value]) => {
      const objects = op['objects'] as Record<string, unknown>[];
      return { ...op, objects: [{ ...objects[0], [key]: value }] };
    });
  const brokenPoints = fc
    .tuple(
      valid,
      fc.array(fc.array(fc.oneof(fc.double(), fc.string(), fc.constant(null)), { maxLength: 4 }), {
        maxLength: 20,
      }),
    )
    .map(([op, points]) => {
      const objects = op['objects'] as Record<string, unknown>[];
      return { ...op, objects: [{ ...objects[0], points }] };
    });
  const anything = fc.anything({ maxDepth: 4, withBigInt: false, withTypedArray: true, withMap: true });
  return fc.sample(fc.oneof(mutated, mutatedObject, brokenPoints, anything), { numRuns: n, seed });
}

describe('fuzzing every socket event', () => {
  let server: Server;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    board = await createBoard(server.url, TEST_ADMIN_TOKEN);
  });
  afterAll(async () => {
    await server.stop();
  });

  let addresses = 0;
  function nextAddress(): string {
    addresses += 1;
    return `127.0.${Math.floor(addresses / 250) + 1}.${(addresses % 250) + 2}`;
  }

  /**
   * Sends every item on every event. A socket that runs out of strikes (server/socket/strikes.ts)
   * is disconnected: a fresh one takes over, as a hostile client would reconnect. Returns how
   * many times the server cut the sender.
   */
  async function blast(join: () => Promise<TestClient>, items: unknown[]): Promise<number> {
    let client = await join();
    let cuts = 0;
    for (const item of items) {
      if (!client.socket.connected) {
        client.close();
        client = await join();
        cuts++;
      }
      client.socket.emit('live', item as never);
      client.socket.emit('sync', item as never, () => undefined);
      (client.socket as unknown as { emit: (e: string, ...a: unknown[]) => void }).emit(
        'no-such-event',
        item,
      );
      // Some ops without an ack function, as a hostile client would send them.
      if (Math.abs(JSON.stringify(item ?? null)?.length ?? 0) % 7 === 0)
        client.socket.emit('op', item as never, undefined as never);
      else
        await client.socket
          .timeout(5000)
          .emitWithAck('op', item as never)
          .catch((err: unknown) => {
            // Cut after its last strike: the ack never comes. Connected, it must have come.
            if (client.socket.connected) throw err;
          });
    }
    client.close();
    return cuts;
  }

  it('stays up, keeps the board valid and memory bounded under thousands of bad payloads', async () => {
    const heap: number[] = [];
    for (let round = 0; round < 5; round++) {
      // New sockets each round so the per-socket rate limit does not hide the validators, each
      // from an address of its own: an address whose sockets keep being cut waits a second
      // before it connects again (abuse-cuts.test.ts), which would hide them too.
      const recorder = () =>
        connectClient(server.url, board.id, keyOf(board.links.draw), undefined, nextAddress());
      const viewer = () =>
        connectClient(server.url, board.id, keyOf(board.links.view), undefined, nextAddress());
      // Senders of nothing but garbage are cut (strikes), and may come back as often as they like.
      expect(await blast(recorder, payloads(300, SEED + round))).toBeGreaterThan(0);
      expect(await blast(viewer, payloads(150, SEED + 100 + round))).toBeGreaterThan(0);
      global.gc?.();
      heap.push(process.memoryUsage().heapUsed);
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const writer = await connectClient(server.url, board.id, keyOf(board.links.draw));
    const ack = await writer.send(addOp(makeStroke(1, 1, 4, 'after-fuzz')));
    expect(ack.ok).toBe(true);
    writer.close();

    const doc = await getBoardDoc(server.url, board.id, keyOf(board.links.view));
    expect(doc.status).toBe(200);
    for (const o of doc.body.objects) expect(boardObjectSchema.safeParse(o).success).toBe(true);
    expect(doc.body.objects.map((o) => o.id)).toContain('after-fuzz');
    // The log only holds what was valid: objects and seq agree (no removes were valid here).
    expect(doc.body.objects.length).toBeLessThanOrEqual(doc.body.seq);
    // Heap after the last round stays within a small factor of the second (the first warms up).
    expect(heap[4]).toBeLessThan((heap[1] ?? 0) * 1.5 + 20e6);
  });
});

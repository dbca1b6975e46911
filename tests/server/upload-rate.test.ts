import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tarpit } from '../../server/http/tarpit';
import { UPLOAD_RATE } from '../../server/http/upload-rate-limit';
import { pngFromRows } from '../helpers/images';
import { createBoard, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** A photo-sized PNG (noise does not compress): 1,600 × 1,600, about 7.7 MB. */
function noisePng(): Buffer {
  const width = 1600;
  const height = 1600;
  const rows = randomBytes((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) rows[y * (width * 3 + 1)] = 0;
  return pngFromRows(width, height, rows);
}

describe('uploads per board within a byte rate (#14)', () => {
  let server: Server;
  let a: CreatedBoard;
  let b: CreatedBoard;
  const png = noisePng();

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    a = await createBoard(server.url, TEST_ADMIN_TOKEN, 'A');
    b = await createBoard(server.url, TEST_ADMIN_TOKEN, 'B');
  });
  afterAll(async () => {
    await server.stop();
  });

  async function upload(
    board: CreatedBoard,
  ): Promise<{ status: number; ms: number; retryAfter: string | null }> {
    const started = performance.now();
    const res = await fetch(`${server.url}/api/boards/${board.id}/assets?key=${keyOf(board.links.draw)}`, {
      method: 'POST',
      body: new Uint8Array(png),
    });
    await res.arrayBuffer();
    return {
      status: res.status,
      ms: performance.now() - started,
      retryAfter: res.headers.get('retry-after'),
    };
  }

  it('takes a burst of photos, then refuses with rate_limited after a held second; another board is not slowed', async () => {
    const burst = Math.floor(UPLOAD_RATE.burst / png.length);
    let accepted = 0;
    let refused: Awaited<ReturnType<typeof upload>> | undefined;
    for (let i = 0; i < burst + 10 && !refused; i++) {
      const r = await upload(a);
      if (r.status === 201) accepted += 1;
      else refused = r;
    }
    expect(accepted).toBeGreaterThanOrEqual(burst);
    // The refill (2 MB/s) lets a few more through while the burst is sent, not ten.
    expect(accepted).toBeLessThan(burst + 6);
    expect(refused).toMatchObject({ status: 429, retryAfter: '1' });
    expect(refused?.ms).toBeGreaterThan(900);
    const other = await upload(b);
    expect(other.status).toBe(201);
    expect(other.ms).toBeLessThan(900);
  });
});

describe('the tarpit', () => {
  let http: HttpServer;
  let url: string;

  beforeAll(async () => {
    const app = express();
    const refuseLater = tarpit({ delayMs: 400, maxHeld: 2 });
    app.get('/', (_req, res) => refuseLater(res));
    http = createServer(app);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())));

  it('answers a refusal after its delay and drops connections past the bound at once', async () => {
    const started = performance.now();
    const results = await Promise.all(
      [0, 1, 2].map(async (i) => {
        // The third asks once the first two are held.
        if (i === 2) await new Promise((r) => setTimeout(r, 100));
        const res = await fetch(url).then(
          (r) => r.status,
          () => 'dropped' as const,
        );
        return { res, ms: performance.now() - started };
      }),
    );
    expect(results[0]).toMatchObject({ res: 429 });
    expect(results[1]).toMatchObject({ res: 429 });
    expect(results[0]?.ms).toBeGreaterThan(380);
    expect(results[2]).toMatchObject({ res: 'dropped' });
    expect(results[2]?.ms).toBeLessThan(380);
    // Held ones released: the next refusal is held again, not dropped.
    expect(await fetch(url).then((r) => r.status)).toBe(429);
  });
});

import { crc32, inflateSync } from 'node:zlib';
import type { JobView } from '../../shared/job-progress';
import { TEST_ADMIN_TOKEN } from './test-server';

export const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } as const;

/** POST …/export-jobs; answers the status and the job (or the error body). */
export async function startJob(
  url: string,
  boardId: string,
  body: unknown,
  headers: Record<string, string> = ADMIN,
): Promise<{ status: number; job: JobView & { error?: string } }> {
  const res = await fetch(`${url}/api/boards/${boardId}/export-jobs`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, job: (await res.json()) as JobView };
}

export async function jobStatus(
  url: string,
  boardId: string,
  jobId: string,
  headers: Record<string, string> = ADMIN,
): Promise<{ status: number; body: JobView & { error?: string } }> {
  const at = `${url}/api/boards/${boardId}/export-jobs/${jobId}`;
  // A kept-alive connection the server closed as the next poll reused it (its idle timer
  // fired late on a loaded machine) is reset: a GET is tried again once, as browsers do.
  const res = await fetch(at, { headers }).catch((err: unknown) => {
    if ((err as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw err;
    return fetch(at, { headers });
  });
  return { status: res.status, body: (await res.json()) as JobView };
}

/** Polls a job every 50 ms until it leaves `running`; returns every status seen, in order. */
export async function pollJob(url: string, boardId: string, jobId: string, ms = 120_000): Promise<JobView[]> {
  const seen: JobView[] = [];
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const { status, body } = await jobStatus(url, boardId, jobId);
    if (status !== 200) throw new Error(`job ${jobId}: ${status} ${JSON.stringify(body)}`);
    seen.push(body);
    if (body.state !== 'running') return seen;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${jobId} still running after ${ms} ms`);
}

/**
 * A PNG decoded the strict way: chunk CRCs checked by walking the file, the IDAT stream
 * inflated by zlib (which checks the Adler-32), and every row's filter undone, so a file that
 * a viewer would refuse fails here. 8-bit RGB or RGBA only (what the exports write).
 */
export function decodePng(bytes: Buffer): {
  width: number;
  height: number;
  rgb: (x: number, y: number) => number[];
} {
  if (!bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    throw new Error('not a PNG');
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (;;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (crc32(data, crc32(bytes.subarray(at + 4, at + 8))) !== bytes.readUInt32BE(at + 8 + length))
      throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || (data[9] !== 2 && data[9] !== 6)) throw new Error('unexpected PNG format');
      channels = data[9] === 2 ? 3 : 4;
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
    if (type === 'IEND') break;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length !== height * (stride + 1)) throw new Error(`PNG data ${raw.length} bytes`);
  const px = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] ?? 0;
    for (let i = 0; i < stride; i++) {
      const v = raw[y * (stride + 1) + 1 + i] ?? 0;
      const a = i >= channels ? (px[y * stride + i - channels] ?? 0) : 0;
      const b = y > 0 ? (px[(y - 1) * stride + i] ?? 0) : 0;
      const c = y > 0 && i >= channels ? (px[(y - 1) * stride + i - channels] ?? 0) : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      if (predictor === undefined) throw new Error(`bad filter ${filter}`);
      px[y * stride + i] = (v + predictor) & 0xff;
    }
  }
  return {
    width,
    height,
    rgb: (x, y) => [...px.subarray((y * width + x) * channels, (y * width + x) * channels + 3)],
  };
}

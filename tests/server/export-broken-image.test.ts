import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardDocument } from '../../shared/board';
import type { ImageRecord } from '../../shared/objects/image';
import { PLACEHOLDER_COLORS } from '../../shared/render/scene';
import type { ExportNotice } from '../../server/export/asset-images';
import { boardPdf } from '../../server/export/pdf-export';
import { renderExport } from '../../server/export/render-export';
import { boardSvg } from '../../server/export/svg-export';
import { pollJob, startJob } from '../helpers/export-jobs';
import { addOp } from '../helpers/fixtures';
import { makePng, pngHeaderClaiming } from '../helpers/images';
import { decodePng } from '../helpers/png-decode';
import { parsePpm, type Ppm } from '../helpers/ppm';
import { connectClient, createBoard, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { resultPath } from '../helpers/test-results';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const GOOD = makePng(64, 64, [220, 60, 20]);
/** Cut inside the pixel data: the chunk runs past the end of the file. */
const TRUNCATED = GOOD.subarray(0, GOOD.length - 30);
const HEADER_ONLY = pngHeaderClaiming(64, 64);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Three images in a row on a 3840 × 2160 board: whole, truncated, header only. */
const SLOTS = [
  { id: 'img-good', bytes: GOOD, x: 300 },
  { id: 'img-truncated', bytes: TRUNCATED, x: 1600 },
  { id: 'img-header-only', bytes: HEADER_ONLY, x: 2900 },
] as const;
const Y = 700;
const SIDE = 640;

function imageRecord(slot: (typeof SLOTS)[number]): ImageRecord {
  return {
    id: slot.id,
    type: 'image',
    assetId: sha(slot.bytes),
    w: SIDE,
    h: SIDE,
    transform: [1, 0, 0, 1, slot.x, Y],
  };
}

/** Mean colour of a box given in board units, on an image of the whole 3840-wide board. */
function meanColour(img: Ppm, x: number, y: number, w: number, h: number): number[] {
  const s = img.width / 3840;
  const sum = [0, 0, 0];
  let n = 0;
  for (let py = Math.round(y * s); py < Math.round((y + h) * s); py++) {
    for (let px = Math.round(x * s); px < Math.round((x + w) * s); px++) {
      for (let k = 0; k < 3; k++) sum[k] = (sum[k] ?? 0) + (img.data[(py * img.width + px) * 3 + k] ?? 0);
      n++;
    }
  }
  return sum.map((v) => Math.round(v / n));
}

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));

/** What each slot must show: the image's red, or the placeholder's grey box with its cross. */
function expectSlots(img: Ppm): void {
  for (const slot of SLOTS) {
    // A patch between the cross's arms (upper middle), and one on the cross (the centre).
    const fill = meanColour(img, slot.x + SIDE * 0.4, Y + SIDE * 0.08, SIDE * 0.2, SIDE * 0.1);
    const centre = meanColour(img, slot.x + SIDE * 0.48, Y + SIDE * 0.48, SIDE * 0.04, SIDE * 0.04);
    if (slot.id === 'img-good') {
      expect(fill, slot.id).toEqual([220, 60, 20].map((v) => expect.closeTo(v, -1.3)));
      continue;
    }
    expect(fill, slot.id).toEqual(hex(PLACEHOLDER_COLORS.fill).map((v) => expect.closeTo(v, -1)));
    // The cross is darker than the box around it.
    expect(centre[0], slot.id).toBeLessThan((fill[0] ?? 0) - 20);
  }
}

describe('an image that cannot be drawn never breaks an export', () => {
  let server: Server;
  let board: CreatedBoard;
  let dir: string;
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

  beforeAll(async () => {
    server = await startTestServer('memory');
    dir = mkdtempSync(join(tmpdir(), 'grareco-broken-image-'));
    board = await createBoard(server.url, TEST_ADMIN_TOKEN, 'broken images');
    // Straight into the store: uploads refuse such files, older boards may still hold them.
    for (const slot of SLOTS) {
      await server.store.putAsset({
        boardId: board.id,
        id: sha(slot.bytes),
        mime: 'image/png',
        width: 64,
        height: 64,
        bytes: slot.bytes,
        createdAt: Date.now(),
      });
    }
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    await recorder.send(addOp(...SLOTS.map(imageRecord)));
    recorder.close();
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function download(path: string) {
    const res = await fetch(`${server.url}/api/boards/${board.id}/${path}`, { headers: admin });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  it('PDF: answers 200, the whole image drawn and a placeholder for each broken one', async () => {
    const { status, bytes } = await download('export.pdf?header=0');
    expect(status).toBe(200);
    const file = join(dir, 'board.pdf');
    writeFileSync(file, bytes);
    execFileSync('qpdf', ['--check', file]);
    execFileSync('pdftoppm', [
      '-scale-to-x',
      '960',
      '-scale-to-y',
      '-1',
      '-singlefile',
      file,
      join(dir, 'board'),
    ]);
    expectSlots(parsePpm(readFileSync(join(dir, 'board.ppm'))));
  });

  it('PNG: the same', async () => {
    const { status, bytes } = await download('export.png');
    expect(status).toBe(200);
    writeFileSync(resultPath('export-broken-image.png'), bytes);
    expectSlots(decodePng(bytes));
  });

  it('SVG: one image element and two placeholders', async () => {
    const { status, bytes } = await download('export.svg');
    expect(status).toBe(200);
    const svg = bytes.toString();
    expect(svg.match(/<image /g)).toHaveLength(1);
    expect(svg.match(new RegExp(`fill="${PLACEHOLDER_COLORS.fill}"`, 'g'))).toHaveLength(2);
  });

  it('an export job ends done, not failed', async () => {
    const { status, job } = await startJob(server.url, board.id, { format: 'pdf' });
    expect(status).toBe(202);
    const seen = await pollJob(server.url, board.id, job.id);
    expect(seen.at(-1)?.state).toBe('done');
  });

  it('the exporters tell which records were drawn as placeholders, and why', async () => {
    const res = await fetch(`${server.url}/api/boards/${board.id}`, { headers: admin });
    const doc = (await res.json()) as BoardDocument;
    const images = new Map(
      SLOTS.map((s) => [sha(s.bytes), { mime: 'image/png', bytes: Buffer.from(s.bytes) }]),
    );
    // A record whose asset is gone altogether is one more.
    const gone: ImageRecord = { ...imageRecord(SLOTS[0]), id: 'img-gone', assetId: 'f'.repeat(64) };
    doc.objects.push(gone);
    const expected = [
      {
        kind: 'image_placeholder',
        objectId: 'img-truncated',
        assetId: sha(TRUNCATED),
        reason: 'undecodable',
      },
      {
        kind: 'image_placeholder',
        objectId: 'img-header-only',
        assetId: sha(HEADER_ONLY),
        reason: 'undecodable',
      },
      { kind: 'image_placeholder', objectId: 'img-gone', assetId: 'f'.repeat(64), reason: 'missing' },
    ];
    const fromSvg: ExportNotice[] = [];
    boardSvg(doc, images, undefined, (n) => fromSvg.push(n));
    expect(fromSvg).toEqual(expected);
    const fromPdf: ExportNotice[] = [];
    await boardPdf(doc, { page: 'board', header: false }, images, undefined, (n) => fromPdf.push(n));
    expect(fromPdf).toEqual(expected);
    // The one entry point an export process calls gives the file and these notices together.
    const job = await renderExport({ kind: 'svg', doc, images });
    expect(job.notices).toEqual(expected);
    expect(job.bytes.toString()).toContain('<svg');
  });
});

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A PNG of 8-bit RGB rows already filtered (a 0 filter byte before each row), as given. */
export function pngFromRows(width: number, height: number, rows: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A real, decodable RGB PNG filled with one colour. */
export function makePng(
  width: number,
  height: number,
  rgb: [number, number, number] = [220, 60, 20],
): Buffer {
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.concat(Array.from({ length: width }, () => Buffer.from(rgb))),
  ]);
  return pngFromRows(width, height, Buffer.concat(Array.from({ length: height }, () => row)));
}

/** Only the PNG signature and header: enough to claim any size without the pixels. */
export function pngHeaderClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)]);
}

export const GIF_1X1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** A real JPEG from poppler: a one-page PDF (pdfkit) with a filled square, rendered as JPEG. */
export async function makeJpeg(dir: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: [200, 200], margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.rect(40, 40, 120, 120).fill('#e03131');
  doc.end();
  await done;
  const pdf = join(dir, 'square.pdf');
  writeFileSync(pdf, Buffer.concat(chunks));
  execFileSync('pdftoppm', ['-jpeg', '-r', '36', '-singlefile', pdf, join(dir, 'square')]);
  return readFileSync(join(dir, 'square.jpg'));
}

/**
 * A decompression bomb behind a modest header: the IDAT inflates to `inflated` bytes of
 * zeros (a few hundred kB on disk), far more than the `width` × `height` the header claims.
 */
export function pngBomb(width: number, height: number, inflated: number): Buffer {
  const header = pngHeaderClaiming(width, height);
  return Buffer.concat([
    header,
    chunk('IDAT', deflateSync(Buffer.alloc(inflated), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

import { inflateSync } from 'node:zlib';
import type { ImageBytes } from './asset-images';

/**
 * Whether an image's bytes are whole enough to draw, checked without a native decoder so the
 * SVG, PDF and PNG exports give the same verdict: a PNG's pixel data must inflate to every
 * row its header claims, a JPEG's segments must reach the scan and end with EOI, a WebP's
 * RIFF chunk must be all there. An image that fails is drawn as a placeholder: pdfkit throws
 * (or, for a PNG with alpha, throws later from a zlib callback) on a truncated file, and a
 * browser shows a broken-image icon.
 */
export type ImageProblem = 'missing' | 'undecodable';

export function imageProblem(image: ImageBytes | undefined): ImageProblem | undefined {
  if (!image) return 'missing';
  try {
    const whole =
      image.mime === 'image/png'
        ? pngWhole(image.bytes)
        : image.mime === 'image/jpeg'
          ? jpegWhole(image.bytes)
          : image.mime === 'image/webp'
            ? webpWhole(image.bytes)
            : false;
    return whole ? undefined : 'undecodable';
  } catch {
    return 'undecodable';
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Channels per colour type: grey, -, RGB, palette, grey+alpha, -, RGBA. */
const PNG_CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function pngWhole(b: Buffer): boolean {
  if (b.length < 8 || !b.subarray(0, 8).equals(PNG_SIGNATURE)) return false;
  let pos = 8;
  let ihdr: Buffer | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (pos + 8 <= b.length && !ended) {
    const len = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + len > b.length) return false;
    const data = b.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') ihdr = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') ended = true;
    pos += 12 + len;
  }
  if (!ihdr || ihdr.length < 13 || idat.length === 0 || !ended) return false;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const depth = ihdr[8] ?? 0;
  const channels = PNG_CHANNELS[ihdr[9] ?? -1];
  if (!channels || width === 0 || height === 0) return false;
  const expected =
    ihdr[12] === 1 ? adam7Bytes(width, height, depth * channels) : rowsBytes(width, height, depth * channels);
  // The output is capped just past what the header claims: a bomb cannot make it bigger.
  const raw = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
  return raw.length >= expected;
}

function rowsBytes(width: number, height: number, bitsPerPixel: number): number {
  if (width === 0 || height === 0) return 0;
  return height * (1 + Math.ceil((width * bitsPerPixel) / 8));
}

function adam7Bytes(width: number, height: number, bpp: number): number {
  const passes = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ] as const;
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    total += rowsBytes(Math.ceil((width - x0) / dx), Math.ceil((height - y0) / dy), bpp);
  }
  return total;
}

function jpegWhole(b: Buffer): boolean {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return false;
  let pos = 2;
  let frame = false;
  while (pos + 4 <= b.length) {
    if (b[pos] !== 0xff) return false;
    const marker = b[pos + 1] ?? 0;
    if (marker === 0xff) {
      pos++;
      continue;
    }
    const len = b.readUInt16BE(pos + 2);
    if (pos + 2 + len > b.length) return false;
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) frame = true;
    if (marker === 0xda) {
      // The scan runs to the end: a whole file ends with EOI (trailing padding allowed).
      const tail = b.subarray(Math.max(pos + 2 + len, b.length - 64));
      return frame && tail.includes(Buffer.from([0xff, 0xd9]));
    }
    pos += 2 + len;
  }
  return false;
}

function webpWhole(b: Buffer): boolean {
  if (b.length < 20 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WEBP')
    return false;
  if (b.readUInt32LE(4) + 8 > b.length) return false;
  let pos = 12;
  while (pos + 8 <= b.length) {
    const type = b.toString('latin1', pos, pos + 4);
    const len = b.readUInt32LE(pos + 4);
    if (pos + 8 + len > b.length) return false;
    if (type === 'VP8 ' || type === 'VP8L') return len > 0;
    pos += 8 + len + (len % 2);
  }
  return false;
}

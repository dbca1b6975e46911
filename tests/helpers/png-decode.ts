import { inflateSync } from 'node:zlib';
import type { Ppm } from './ppm';

/**
 * A PNG decoded to RGB rows (the shape pdftoppm's PPM has), so one sampler reads both. Only
 * what the exporters write or resvg gives: 8-bit RGB or RGBA, no interlace, any row filter.
 */
export function decodePng(buf: Buffer): Ppm {
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = data.subarray(8);
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0)
        throw new Error(`png: unsupported depth ${depth} colour ${colour} interlace ${interlace}`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const o = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (rows[o + i - channels] ?? 0) : 0;
      const b = y > 0 ? (rows[o - stride + i] ?? 0) : 0;
      const c = y > 0 && i >= channels ? (rows[o - stride + i - channels] ?? 0) : 0;
      const x = line[i] ?? 0;
      rows[o + i] = (x + predict(filter ?? 0, a, b, c)) & 0xff;
    }
  }
  const data = Buffer.alloc(width * height * 3);
  for (let p = 0, s = 0; p < width * height; p++, s += channels) {
    // An RGBA pixel is composed over white, as a viewer shows it.
    const alpha = channels === 4 ? (rows[s + 3] ?? 255) / 255 : 1;
    for (let k = 0; k < 3; k++) data[p * 3 + k] = Math.round((rows[s + k] ?? 0) * alpha + 255 * (1 - alpha));
  }
  return { width, height, data };
}

function predict(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      throw new Error(`png: unknown filter ${filter}`);
  }
}

/** Share of pixels with any ink (some channel below 235) in a rectangle given in pixels. */
export function anyInkShare(img: Ppm, x0: number, y0: number, x1: number, y1: number): number {
  let ink = 0;
  let all = 0;
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(img.height, Math.ceil(y1)); y++) {
    for (let x = Math.max(0, Math.floor(x0)); x < Math.min(img.width, Math.ceil(x1)); x++) {
      const i = (y * img.width + x) * 3;
      if ((img.data[i] ?? 255) < 235 || (img.data[i + 1] ?? 255) < 235 || (img.data[i + 2] ?? 255) < 235)
        ink++;
      all++;
    }
  }
  return all === 0 ? 0 : ink / all;
}

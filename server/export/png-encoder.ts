import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * A PNG written band by band, so a print-size image (4961 px wide, any height) never needs
 * its whole pixel buffer at once: each band of rows is filtered and deflated on its own and
 * only the compressed bytes are kept. The bands are raw deflate segments ended with a sync
 * flush (as pigz joins them), so together they form one valid zlib stream.
 */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, tail]);
}

export class BandedPngWriter {
  readonly #width: number;
  readonly #height: number;
  readonly #segments: Buffer[] = [];
  #rows = 0;
  /** Adler-32 of every filtered byte, carried across bands (zlib's trailer). */
  #a = 1;
  #b = 0;
  /** The previous band's last row (RGB), for the Up filter across a band edge. */
  #above: Buffer;

  constructor(width: number, height: number) {
    this.#width = width;
    this.#height = height;
    this.#above = Buffer.alloc(width * 3);
  }

  get rowsWritten(): number {
    return this.#rows;
  }

  /**
   * Adds the next rows, given as opaque RGBA pixels (the renderer paints a white background).
   * Each row gets the Up filter: a board is mostly rows like the one above it.
   */
  addRgbaRows(rgba: Uint8Array, rows: number): void {
    const w = this.#width;
    const stride = 1 + w * 3;
    const out = Buffer.alloc(rows * stride);
    let above = this.#above;
    for (let y = 0; y < rows; y++) {
      const row = Buffer.alloc(w * 3);
      const src = y * w * 4;
      for (let x = 0, s = src, d = 0; x < w; x++, s += 4, d += 3) {
        row[d] = rgba[s] ?? 0;
        row[d + 1] = rgba[s + 1] ?? 0;
        row[d + 2] = rgba[s + 2] ?? 0;
      }
      const o = y * stride;
      out[o] = 2;
      for (let i = 0; i < row.length; i++) out[o + 1 + i] = ((row[i] ?? 0) - (above[i] ?? 0)) & 0xff;
      above = row;
    }
    this.#above = above;
    this.#adler(out);
    this.#rows += rows;
    const last = this.#rows >= this.#height;
    this.#segments.push(
      deflateRawSync(out, {
        level: 6,
        finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
      }),
    );
  }

  #adler(data: Buffer): void {
    let a = this.#a;
    let b = this.#b;
    // 5552 bytes is the most that can be summed before the 32-bit sums must be reduced.
    for (let i = 0; i < data.length;) {
      const end = Math.min(data.length, i + 5552);
      for (; i < end; i++) {
        a += data[i] ?? 0;
        b += a;
      }
      a %= 65521;
      b %= 65521;
    }
    this.#a = a;
    this.#b = b;
  }

  /** The finished file; onChunk counts the IDAT chunks written (one per band). */
  finish(onChunk?: (done: number, total: number) => void): Buffer {
    if (this.#rows !== this.#height) throw new Error(`png: ${this.#rows} of ${this.#height} rows`);
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.#width, 0);
    ihdr.writeUInt32BE(this.#height, 4);
    ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
    const adler = Buffer.alloc(4);
    adler.writeUInt32BE(((this.#b << 16) | this.#a) >>> 0, 0);
    const streams = this.#segments.map((s, i) => {
      const head = i === 0 ? Buffer.from([0x78, 0x9c]) : Buffer.alloc(0);
      const tail = i === this.#segments.length - 1 ? adler : Buffer.alloc(0);
      return Buffer.concat([head, s, tail]);
    });
    const parts: Buffer[] = [SIGNATURE, chunk('IHDR', ihdr)];
    for (const [i, data] of streams.entries()) {
      parts.push(chunk('IDAT', data));
      onChunk?.(i + 1, streams.length);
    }
    parts.push(chunk('IEND', Buffer.alloc(0)));
    return Buffer.concat(parts);
  }
}

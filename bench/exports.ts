import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { BoardDocument } from '../shared/board';
import { boardMetaSchema } from '../shared/board';
import type { BoardObject } from '../shared/objects/board-object';
import type { Point } from '../shared/objects/stroke';
import type { ImageBytes } from '../server/export/asset-images';
import { boardPdf } from '../server/export/pdf-export';
import { boardPng } from '../server/export/png-export';
import { boardSvg } from '../server/export/svg-export';
import { now } from './clock';

/** Deterministic pseudo-random numbers, so every run draws the same board. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A solid-colour RGB PNG of the given size (a stand-in for a speaker photo). */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).fill(Buffer.from(rgb))]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 2.5-hour board: 5,000 handwriting strokes, 60 text blocks, 4 photos. */
export function bigBoard(strokes = 5_000): { doc: BoardDocument; images: Map<string, ImageBytes> } {
  const rand = lcg(2023_11_16);
  const objects: BoardObject[] = [];
  const tools = ['pen', 'pen', 'pen', 'marker', 'highlighter', 'shadow'] as const;
  for (let i = 0; i < strokes; i++) {
    const x0 = rand() * 3600;
    const y0 = rand() * 2000;
    const points: Point[] = [];
    for (let k = 0; k < 40; k++) {
      points.push([
        Math.round(x0 + k * 4),
        Math.round(y0 + 20 * Math.sin(k / 3 + i)),
        Math.round(rand() * 100) / 100,
      ]);
    }
    const tool = tools[i % tools.length] ?? 'pen';
    objects.push({
      id: `s${i}`,
      type: 'stroke',
      tool,
      color: '#1f2328',
      size: 10,
      opacity: 1,
      simulatePressure: false,
      points,
    });
  }
  for (let i = 0; i < 60; i++) {
    objects.push({
      id: `t${i}`,
      type: 'text',
      text: i % 2 ? '重層的支援体制整備事業' : 'つながりを絶やさない支援のかたち',
      fontSize: 44,
      color: '#1f2328',
      bold: false,
      w: 900,
      h: 60,
      transform: [1, 0, 0, 1, rand() * 3000, rand() * 2000],
    });
  }
  const images = new Map<string, ImageBytes>();
  for (let i = 0; i < 4; i++) {
    const bytes = png(400, 300, [40 * i, 120, 200]);
    const assetId = createHash('sha256').update(bytes).digest('hex');
    images.set(assetId, { mime: 'image/png', bytes });
    objects.push({
      id: `i${i}`,
      type: 'image',
      assetId,
      w: 400,
      h: 300,
      transform: [1, 0, 0, 1, 200 + i * 800, 1700],
    });
  }
  const meta = boardMetaSchema.parse({
    id: 'bench',
    title: 'ベンチマーク',
    width: 3840,
    height: 2160,
    createdAt: 0,
    locked: false,
  });
  return { doc: { id: 'bench', title: meta.title, meta, seq: objects.length, objects }, images };
}

export interface ExportTiming {
  format: string;
  ms: number;
  bytes: number;
}

export async function runExports(): Promise<ExportTiming[]> {
  const { doc, images } = bigBoard();
  const out: ExportTiming[] = [];
  const time = async (format: string, make: () => Promise<Buffer | string>) => {
    const t0 = now();
    const result = await make();
    out.push({ format, ms: now() - t0, bytes: Buffer.byteLength(result) });
  };
  await time('PDF (board page)', () => boardPdf(doc, { page: 'board', header: true }, images));
  await time('PDF (A3)', () => boardPdf(doc, { page: 'a3', header: true }, images));
  await time('SVG', async () => boardSvg(doc, images));
  await time('PNG web 1920', () => boardPng(doc, 'web', images));
  await time('PNG print 4961', () => boardPng(doc, 'print', images));
  return out;
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readSfnt, writeSfnt, type SfntTable } from './sfnt';
import { encodeWoff2 } from './woff2';

/** The part of fontkit (pdfkit's font engine, which subsets the PDF's fonts) used here. */
interface FontkitFont {
  glyphForCodePoint(codePoint: number): { id: number };
  createSubset(): { includeGlyph(glyphId: number): number; encode(): Uint8Array };
}
interface Fontkit {
  create(bytes: Buffer): FontkitFont;
}

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as Fontkit;

export interface WebSubset {
  woff2: Uint8Array;
  /** The code points the subset draws, ascending: its @font-face unicode-range. */
  codePoints: number[];
}

export interface SourceFont {
  font: FontkitFont;
  tables: Map<string, Uint8Array>;
}

export function openSourceFont(path: string): SourceFont {
  const bytes = readFileSync(path);
  const tables = new Map(readSfnt(bytes).map((t) => [t.tag, t.data]));
  return { font: fontkit.create(bytes), tables };
}

/**
 * A WOFF2 web font holding only the glyphs of `codePoints` (those the font has). fontkit's
 * subset is made for PDF embedding and lacks what a browser needs of a standalone font
 * (cmap, OS/2, name, post): those are added here. Layout tables (GSUB/GPOS) are left out:
 * the board sets its text horizontally without them, as the PDF does.
 */
export function webSubset(source: SourceFont, codePoints: Iterable<number>): WebSubset {
  const subset = source.font.createSubset();
  const map: [number, number][] = [];
  for (const cp of [...new Set(codePoints)].sort((a, b) => a - b)) {
    const id = source.font.glyphForCodePoint(cp).id;
    if (id === 0) continue;
    map.push([cp, subset.includeGlyph(id)]);
  }
  const own = readSfnt(subset.encode());
  const copied = ['OS/2', 'name'].flatMap((tag): SfntTable[] => {
    const data = source.tables.get(tag);
    return data ? [{ tag, data }] : [];
  });
  const post = source.tables.get('post');
  const tables = [
    ...own,
    ...copied,
    { tag: 'cmap', data: cmapTable(map) },
    ...(post ? [{ tag: 'post', data: postVersion3(post) }] : []),
  ];
  // Through writeSfnt once: it sets the checksums WOFF2's decoder rebuilds the file with.
  const sfnt = writeSfnt(tables);
  return { woff2: encodeWoff2(readSfnt(sfnt)), codePoints: map.map(([cp]) => cp) };
}

/** post without glyph names (version 3): the names would not match the new glyph ids. */
function postVersion3(post: Uint8Array): Uint8Array {
  const out = post.slice(0, 32);
  new DataView(out.buffer).setUint32(0, 0x00030000);
  return out;
}

/** Runs of consecutive code points mapped to consecutive glyphs. */
function runs(map: readonly [number, number][]): { start: number; end: number; glyph: number }[] {
  const out: { start: number; end: number; glyph: number }[] = [];
  for (const [cp, glyph] of map) {
    const last = out.at(-1);
    if (last && cp === last.end + 1 && glyph === last.glyph + (cp - last.start)) last.end = cp;
    else out.push({ start: cp, end: cp, glyph });
  }
  return out;
}

/** cmap with a format 4 subtable (BMP, what every system reads) and format 12 (all planes). */
export function cmapTable(map: readonly [number, number][]): Uint8Array {
  const bmp = runs(map.filter(([cp]) => cp <= 0xfffe));
  const all = runs(map);
  const f4 = format4(bmp);
  const f12 = format12(all);
  const out = new Uint8Array(4 + 8 * 2 + f4.byteLength + f12.byteLength);
  const view = new DataView(out.buffer);
  view.setUint16(2, 2);
  view.setUint16(4, 3);
  view.setUint16(6, 1);
  view.setUint32(8, 20);
  view.setUint16(12, 3);
  view.setUint16(14, 10);
  view.setUint32(16, 20 + f4.byteLength);
  out.set(f4, 20);
  out.set(f12, 20 + f4.byteLength);
  return out;
}

function format4(segments: { start: number; end: number; glyph: number }[]): Uint8Array {
  const all = [...segments, { start: 0xffff, end: 0xffff, glyph: 0 }];
  const n = all.length;
  const out = new Uint8Array(16 + 8 * n);
  const view = new DataView(out.buffer);
  const selector = Math.floor(Math.log2(n));
  view.setUint16(0, 4);
  view.setUint16(2, out.byteLength);
  view.setUint16(6, n * 2);
  view.setUint16(8, 2 ** selector * 2);
  view.setUint16(10, selector);
  view.setUint16(12, n * 2 - 2 ** selector * 2);
  all.forEach((s, i) => {
    view.setUint16(14 + i * 2, s.end);
    view.setUint16(16 + n * 2 + i * 2, s.start);
    // The final segment maps 0xFFFF to glyph 0: delta 1 wraps it round.
    const delta = s.start === 0xffff ? 1 : (s.glyph - s.start) & 0xffff;
    view.setUint16(16 + n * 4 + i * 2, delta);
  });
  return out;
}

function format12(groups: { start: number; end: number; glyph: number }[]): Uint8Array {
  const out = new Uint8Array(16 + 12 * groups.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, 12);
  view.setUint32(4, out.byteLength);
  view.setUint32(12, groups.length);
  groups.forEach((g, i) => {
    view.setUint32(16 + i * 12, g.start);
    view.setUint32(20 + i * 12, g.end);
    view.setUint32(24 + i * 12, g.glyph);
  });
  return out;
}

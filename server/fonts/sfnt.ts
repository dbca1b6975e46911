/** One table of an OpenType (sfnt) font: its four-letter tag and its bytes. */
export interface SfntTable {
  tag: string;
  data: Uint8Array;
}

const TRUETYPE = 0x00010000;

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** The sum of big-endian uint32 words that OpenType keeps per table and for the whole file. */
export function sfntChecksum(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let sum = 0;
  const whole = data.byteLength & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (whole < data.byteLength) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < data.byteLength ? (data[i] ?? 0) : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** The tables of an sfnt file, in the file's order. */
export function readSfnt(file: Uint8Array): SfntTable[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const count = view.getUint16(4);
  const tables: SfntTable[] = [];
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(...file.subarray(at, at + 4));
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    tables.push({ tag, data: file.subarray(offset, offset + length) });
  }
  return tables;
}

/** Tables in the order OpenType wants them: sorted by tag as raw bytes. */
export function sortTables(tables: readonly SfntTable[]): SfntTable[] {
  return [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

/** The size of the TrueType file these tables make: header, directory, 4-byte padded data. */
export function sfntSize(tables: readonly SfntTable[]): number {
  return 12 + 16 * tables.length + tables.reduce((n, t) => n + pad4(t.data.byteLength), 0);
}

/**
 * Writes a TrueType file, with the table checksums and head.checkSumAdjustment set, so a
 * strict font sanitiser (the browsers' OTS) takes it. `tables` must include `head`.
 */
export function writeSfnt(input: readonly SfntTable[]): Uint8Array {
  const tables = sortTables(input).map((t) =>
    t.tag === 'head' ? { tag: t.tag, data: withZeroAdjustment(t.data) } : t,
  );
  const out = new Uint8Array(sfntSize(tables));
  const view = new DataView(out.buffer);
  const n = tables.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  view.setUint32(0, TRUETYPE);
  view.setUint16(4, n);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, n * 16 - searchRange);
  let offset = 12 + 16 * n;
  let headOffset = -1;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    for (let k = 0; k < 4; k++) view.setUint8(at + k, t.tag.charCodeAt(k));
    view.setUint32(at + 4, sfntChecksum(t.data));
    view.setUint32(at + 8, offset);
    view.setUint32(at + 12, t.data.byteLength);
    out.set(t.data, offset);
    if (t.tag === 'head') headOffset = offset;
    offset += pad4(t.data.byteLength);
  });
  if (headOffset < 0) throw new Error('an sfnt needs a head table');
  view.setUint32(headOffset + 8, (0xb1b0afba - sfntChecksum(out)) >>> 0);
  return out;
}

function withZeroAdjustment(head: Uint8Array): Uint8Array {
  const copy = head.slice();
  new DataView(copy.buffer).setUint32(8, 0);
  return copy;
}

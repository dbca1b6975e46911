/**
 * Whether bytes are an MP4 video, by the file-type box every ISO media file opens with:
 * `ftyp`, a major brand, a minor version and the compatible brands. Only video brands count:
 * QuickTime (`qt  `) plays in Safari alone, and HEIF/AVIF images share the same box layout.
 * The name and the Content-Type say nothing: the bytes decide.
 */
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'mp41',
  'mp42',
  'avc1',
  'M4V ',
  'dash',
  'mmp4',
]);

/** A file-type box is small: its brands, four bytes each. */
const FTYP_MAX = 256;

export function isMp4(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(0);
  const ascii = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (ascii(4) !== 'ftyp' || size < 16 || size > FTYP_MAX || size > bytes.length || size % 4 !== 0)
    return false;
  return MP4_BRANDS.has(ascii(8));
}

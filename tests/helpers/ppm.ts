/** A decoded binary PPM (P6), as pdftoppm writes it. */
export interface Ppm {
  width: number;
  height: number;
  data: Buffer;
}

export function parsePpm(buf: Buffer): Ppm {
  // Header: "P6\n<w> <h>\n<maxval>\n" then RGB bytes.
  let pos = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[pos] ?? 32))) pos++;
    let tok = '';
    while (pos < buf.length && !/\s/.test(String.fromCharCode(buf[pos] as number)))
      tok += String.fromCharCode(buf[pos++] as number);
    fields.push(tok);
  }
  pos++;
  if (fields[0] !== 'P6') throw new Error(`not a P6 PPM: ${fields[0]}`);
  return { width: Number(fields[1]), height: Number(fields[2]), data: buf.subarray(pos) };
}

/** Share of dark pixels (all channels below 128) in a rectangle given in fractions of the image. */
export function inkShare(img: Ppm, fx0: number, fy0: number, fx1: number, fy1: number): number {
  const x0 = Math.floor(fx0 * img.width);
  const x1 = Math.ceil(fx1 * img.width);
  const y0 = Math.floor(fy0 * img.height);
  const y1 = Math.ceil(fy1 * img.height);
  let dark = 0;
  let all = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * img.width + x) * 3;
      const r = img.data[i] ?? 255;
      const g = img.data[i + 1] ?? 255;
      const b = img.data[i + 2] ?? 255;
      if (r < 128 && g < 128 && b < 128) dark++;
      all++;
    }
  }
  return all === 0 ? 0 : dark / all;
}

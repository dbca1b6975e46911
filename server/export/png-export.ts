import { Resvg } from '@resvg/resvg-js';
import type { BoardDocument } from '../../shared/board';
import type { JobProgress } from '../../shared/job-progress';
import type { ImageBytes, NoticeListener } from './asset-images';
import { FONT_FAMILY, FONT_FILES } from './fonts';
import { BandedPngWriter } from './png-encoder';
import { boardSvg } from './svg-export';

/** Web size for sites and slides; print size is A3 at 300 dpi; thumb for the organiser's list. */
export const PNG_SIZES = { web: 1920, print: 4961, thumb: 480 } as const;
export type PngSize = keyof typeof PNG_SIZES;

/** Rows drawn per band: about 10 MB of pixels at print width, and a progress step each. */
export const BAND_ROWS = 512;

/**
 * Rasterises the same SVG the SVG export gives, in horizontal bands: the tree is parsed once,
 * each band is a crop of it rendered at the same scale, then filtered and compressed at once.
 * Memory stays at one band whatever the board's height, every band is a real progress step,
 * and a cancelled job (its worker terminated) stops within one band. Runs on the export
 * worker thread, so the synchronous renderer never blocks the server's event loop.
 */
export async function boardPng(
  board: BoardDocument,
  size: PngSize,
  images: ReadonlyMap<string, ImageBytes> = new Map(),
  onProgress?: (p: JobProgress) => void,
  onNotice?: NoticeListener,
): Promise<Buffer> {
  const { width: W, height: H } = board.meta;
  const width = PNG_SIZES[size];
  const scale = width / W;
  const height = Math.max(1, Math.round(H * scale));
  const svg = boardSvg(
    board,
    images,
    (done, total) => onProgress?.({ phase: 'scene', done, total }),
    onNotice,
  );
  onProgress?.({ phase: 'parse', done: 0, total: 1 });
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    font: {
      fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
    },
  });
  onProgress?.({ phase: 'parse', done: 1, total: 1 });
  const writer = new BandedPngWriter(width, height);
  // cropByBBox takes the renderer's own BBox object; its fields are set for each band. The
  // white background rect guarantees there is one.
  const box = resvg.getBBox();
  if (!box) throw new Error('png: the drawing has no extent');
  onProgress?.({ phase: 'render', done: 0, total: height });
  for (let y = 0; y < height; y += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, height - y);
    const band = renderBand(resvg, box, { x: 0, y: y / scale, width: W, height: rows / scale });
    writer.addRgbaRows(fitRows(band, width, rows), rows);
    onProgress?.({ phase: 'render', done: y + rows, total: height });
    // The renderer's pixel buffers are freed by finalizers that run only when the event loop
    // turns: without this pause every band's pixels would stay until the end.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return writer.finish((done, total) => onProgress?.({ phase: 'encode', done, total }));
}

function renderBand(
  resvg: Resvg,
  box: NonNullable<ReturnType<Resvg['getBBox']>>,
  area: { x: number; y: number; width: number; height: number },
): { pixels: Buffer; width: number; height: number } {
  box.x = area.x;
  box.y = area.y;
  box.width = area.width;
  box.height = area.height;
  resvg.cropByBBox(box);
  const image = resvg.render();
  return { pixels: image.pixels, width: image.width, height: image.height };
}

/**
 * The band's pixels at exactly `rows` × `width`: the renderer rounds a crop's size, so a band
 * may come back a row short or long; a missing row repeats the last one (or is white).
 */
function fitRows(
  band: { pixels: Buffer; width: number; height: number },
  width: number,
  rows: number,
): Uint8Array {
  if (band.width === width && band.height === rows) return band.pixels;
  const out = Buffer.alloc(width * rows * 4, 0xff);
  if (band.height === 0) return out;
  const copyW = Math.min(width, band.width) * 4;
  for (let y = 0; y < rows; y++) {
    const from = Math.min(y, band.height - 1) * band.width * 4;
    band.pixels.copy(out, y * width * 4, from, from + copyW);
  }
  return out;
}

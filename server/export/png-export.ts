import { renderAsync } from '@resvg/resvg-js';
import type { BoardDocument } from '../../shared/board';
import type { ImageBytes } from './asset-images';
import { FONT_FAMILY, FONT_FILES } from './fonts';
import { boardSvg } from './svg-export';

/** Web size for sites and slides; print size is A3 at 300 dpi; thumb for the organiser's list. */
export const PNG_SIZES = { web: 1920, print: 4961, thumb: 480 } as const;
export type PngSize = keyof typeof PNG_SIZES;

/**
 * Rasterises the same SVG the SVG export gives. resvg renders on libuv's thread pool
 * (renderAsync), so a print-size PNG does not stall the server's event loop.
 */
export async function boardPng(
  board: BoardDocument,
  size: PngSize,
  images: ReadonlyMap<string, ImageBytes> = new Map(),
): Promise<Buffer> {
  const svg = boardSvg(board, images);
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: PNG_SIZES[size] },
    background: '#ffffff',
    font: {
      fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
    },
  });
  return image.asPng();
}

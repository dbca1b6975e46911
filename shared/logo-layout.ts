import { templateMargin } from './agenda-layout';
import type { ImageRecord } from './objects/image';
import { TEXT_SIZES } from './objects/text';

/** The logo stands as tall as one line of the board's title. */
const LOGO_MAX_H = Math.round(TEXT_SIZES.title * 1.4);
/** …and never takes more than a fifth of the board's width. */
const LOGO_MAX_W_SHARE = 0.2;
/** Room between the logo and the title's text. */
export const LOGO_GAP = 24;

/**
 * The organiser's logo on the template layer, in the top-right corner of the title line
 * (the agenda template keeps that part of the line free): fitted into the box, proportions
 * kept, never enlarged past its own pixels.
 */
export function logoRecord(
  assetId: string,
  board: { width: number; height: number },
  image: { width: number; height: number },
  prefix: string,
): ImageRecord {
  const m = templateMargin(board.width, board.height);
  const maxW = Math.max(1, board.width * LOGO_MAX_W_SHARE);
  const maxH = Math.max(1, Math.min(LOGO_MAX_H, board.height * LOGO_MAX_W_SHARE));
  const scale = Math.min(maxW / image.width, maxH / image.height, 1);
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  return {
    id: `${prefix}-logo`,
    type: 'image',
    assetId,
    w,
    h,
    transform: [1, 0, 0, 1, board.width - m - w, m],
    layer: 'template',
  };
}

/*
 * The board's font names and the faces a page loaded for it, without fabric: the page's
 * entry (client/fonts.ts) registers the viewer's faces before the board's code has loaded.
 */

/** The board's lettering font (client/fonts.ts self-hosts it; the exporters embed it). */
export const BOARD_FONT = 'Noto Sans JP';

/**
 * The family of a board's own faces (client/fonts.ts, on the viewer), named apart from the
 * full font: a character the faces lack falls back to the next family in the stack, and only
 * then does the browser fetch the full font's slice for it.
 */
export const BOARD_SUBSET_FONT = 'Noto Sans JP Board';
/** What text records are drawn with: the board's faces where a page has them, else the font. */
export const BOARD_FONT_STACK = `"${BOARD_SUBSET_FONT}", "${BOARD_FONT}"`;

export function fontSpec(fontSize: number, bold: boolean): string {
  return `${bold ? 700 : 400} ${fontSize}px "${BOARD_FONT}"`;
}

/** A face holding the board's own characters, put in front of the full font's slices. */
export interface BoardFace {
  face: FontFace;
  codePoints: ReadonlySet<number>;
}

/** Per weight (400, 700): the board's own face, when the page loaded one. */
const boardFaces = new Map<number, BoardFace>();

export function useBoardFace(weight: number, face: BoardFace): void {
  boardFaces.set(weight, face);
}

export function boardFace(weight: number): BoardFace | undefined {
  return boardFaces.get(weight);
}

/*
 * Whether the full font's @font-face rules are in the document. The viewer adds them after its
 * first frame (client/fonts.ts); until then the font set knows no face for a character the
 * board's own faces lack, and would call such text ready while drawing it in a fallback.
 */
let fullFontIn = true;
let fullFontArrived: Promise<void> = Promise.resolve();

/** The rules come later: `arrived` settles once they are in (or failed to come). */
export function fullFontLater(arrived: Promise<unknown>): void {
  fullFontIn = false;
  fullFontArrived = arrived.then(
    () => {
      fullFontIn = true;
    },
    () => {
      fullFontIn = true;
    },
  );
}

/** Undefined when the rules are in; else a promise that settles when they are. */
export function fullFontPending(): Promise<void> | undefined {
  return fullFontIn ? undefined : fullFontArrived;
}

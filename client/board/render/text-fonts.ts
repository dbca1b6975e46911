import { cache } from 'fabric';

/** The board's lettering font (client/fonts.ts self-hosts it; the exporters embed it). */
export const BOARD_FONT = 'Noto Sans JP';

export function fontSpec(fontSize: number, bold: boolean): string {
  return `${bold ? 700 : 400} ${fontSize}px "${BOARD_FONT}"`;
}

/**
 * Whether the glyphs a text needs are loaded. Noto Sans JP comes in unicode-range subsets;
 * fabric measures a line once, so a line measured with a fallback font would sit off by the
 * width difference. When not ready, the subsets load and `onReady` runs: the caller draws the
 * text again with the real metrics.
 */
export function textFontReady(spec: string, text: string, onReady: () => void): boolean {
  if (typeof document === 'undefined' || !('fonts' in document)) return true;
  if (document.fonts.check(spec, text)) return true;
  void document.fonts.load(spec, text).then(
    () => {
      // fabric caches glyph widths per family: those taken with the fallback are wrong now.
      cache.clearFontCache(BOARD_FONT);
      onReady();
    },
    () => {},
  );
  return false;
}

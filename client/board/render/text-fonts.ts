import { cache } from 'fabric';
import { BOARD_FONT, BOARD_FONT_STACK, boardFace, fullFontPending } from './board-faces';

function weightOf(spec: string): number {
  return spec.startsWith('700') ? 700 : 400;
}

/**
 * Whether the glyphs a text needs are loaded. Noto Sans JP comes in unicode-range subsets;
 * fabric measures a line once, so a line measured with a fallback font would sit off by the
 * width difference. When not ready, the subsets load and `onReady` runs: the caller draws the
 * text again with the real metrics. Characters the board's own face holds wait for that face
 * only: asking the font set for them would also fetch every full slice they fall in.
 */
export function textFontReady(spec: string, text: string, onReady: () => void): boolean {
  if (typeof document === 'undefined' || !('fonts' in document)) return true;
  const own = boardFace(weightOf(spec));
  const usable = own && own.face.status !== 'error' ? own : undefined;
  const rest = usable
    ? [...text].filter((ch) => !usable.codePoints.has(ch.codePointAt(0) ?? -1)).join('')
    : text;
  const waits: Promise<unknown>[] = [];
  if (usable && rest.length < text.length && usable.face.status !== 'loaded') waits.push(usable.face.load());
  if (rest.length > 0) {
    const pending = fullFontPending();
    if (pending) waits.push(pending.then(() => document.fonts.load(spec, rest)));
    else if (!document.fonts.check(spec, rest)) waits.push(document.fonts.load(spec, rest));
  }
  if (waits.length === 0) return true;
  void Promise.all(waits).then(
    () => {
      // fabric caches glyph widths per family: those taken with the fallback are wrong now.
      cache.clearFontCache(BOARD_FONT);
      cache.clearFontCache(BOARD_FONT_STACK);
      onReady();
    },
    () => {},
  );
  return false;
}

/**
 * Line breaking for Japanese and Latin mixed lettering, shared by the browser and the exporters
 * so that a text record wraps the same on screen, in the PDF and in the SVG.
 *
 * - '\n' (or "\r\n") is a hard break.
 * - Japanese (kana, kanji, full-width forms and punctuation) may break between any two characters.
 * - Latin words (runs of anything else that is not a space) stay whole where they fit on a
 *   line; a word wider than a whole line is broken by character.
 * - Spaces at a wrap point are dropped; spaces elsewhere (an indent, inner runs, a trailing
 *   space that fits) are kept.
 * - Kinsoku shori (禁則処理): a line never starts with closing punctuation, a prolonged sound
 *   mark or a small kana, and never ends with an opening bracket. The simple rules: push the
 *   previous line's last piece down with it (追い出し); when that line has nothing to spare,
 *   hang the character at its end instead (ぶら下げ).
 * - Any measure, any width (zero, negative, NaN) terminates: every line takes at least one piece.
 *   A line is wider than maxWidth only when one piece alone is, or when it hangs punctuation.
 */

/** Line pitch as a multiple of the font size: line i's box starts at i · fontSize · 1.35. */
export const TEXT_LINE_HEIGHT = 1.35;

/** Characters that must not start a line (行頭禁則). */
export const NO_LINE_START = new Set(
  Array.from(
    '、。，．・：；？！ー～…‥）」』】〕〉》｝］〙〗’”ゝゞヽヾ々ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ',
  ),
);

/** Characters that must not end a line (行末禁則). */
export const NO_LINE_END = new Set(Array.from('（「『【〔〈《｛［〘〖‘“'));

const SPACE = /^[ \t\u3000]$/;

/**
 * Characters that stand alone as break units: kana, kanji, CJK symbols and punctuation, and
 * full-width forms. Curly quotes and '…' belong to words (so "don’t" stays whole), but the
 * kinsoku rules still apply to them.
 */
function isCjk(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) || // radicals, CJK punctuation, kana, kanji, ext. A
    (cp >= 0xf900 && cp <= 0xfaff) || // compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0xff00 && cp <= 0xffef) || // full-width and half-width forms
    (cp >= 0x20000 && cp <= 0x3ffff) // kanji beyond the BMP
  );
}

type Kind = 'space' | 'cjk' | 'word';
interface Piece {
  text: string;
  kind: Kind;
}

/** Spaces (runs), single CJK characters, and Latin words. */
function pieces(paragraph: string): Piece[] {
  const out: Piece[] = [];
  for (const ch of paragraph) {
    const kind: Kind = SPACE.test(ch) ? 'space' : isCjk(ch) ? 'cjk' : 'word';
    const last = out[out.length - 1];
    if (kind !== 'cjk' && last && last.kind === kind) last.text += ch;
    else out.push({ text: ch, kind });
  }
  return out;
}

function first(s: string): string {
  return Array.from(s)[0] ?? '';
}

function lastChar(s: string): string {
  const chars = Array.from(s);
  return chars[chars.length - 1] ?? '';
}

function layoutParagraph(paragraph: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  /** The pieces of the line being filled; joined when it is closed. */
  let line: string[] = [];
  /** Spaces met after the line's last piece: kept if the next piece joins this line. */
  let pendingSpace = '';

  const text = (): string => line.join('');
  const fits = (s: string): boolean => {
    const width = measure(s);
    return Number.isFinite(width) && width <= maxWidth;
  };

  const breaksKinsoku = (next: string, carried: readonly string[]): boolean =>
    NO_LINE_START.has(first(carried[0] ?? next)) || NO_LINE_END.has(lastChar(line[line.length - 1] ?? ''));

  /**
   * Break the line before `next` (the piece that did not fit; the caller adds it after this).
   * Pieces are pushed down with it (追い出し) until neither side of the break breaks a kinsoku
   * rule, keeping at least one piece on the line. When that cannot work, a lone no-start
   * character hangs at the line's end instead (ぶら下げ: no break at all), and anything else
   * breaks plainly.
   */
  const wrap = (next: string): void => {
    let carried: string[] = [];
    while (line.length > 1 && breaksKinsoku(next, carried)) carried.unshift(line.pop() as string);
    if (breaksKinsoku(next, carried)) {
      line.push(...carried);
      carried = [];
      if (Array.from(next).length === 1 && NO_LINE_START.has(next)) return;
    }
    while (line.length > 1 && SPACE.test(lastChar(line[line.length - 1] ?? ''))) line.pop(); // at a wrap point
    lines.push(text());
    line = carried;
  };

  for (const piece of pieces(paragraph)) {
    if (piece.kind === 'space') {
      pendingSpace += piece.text;
      continue;
    }
    const space = pendingSpace;
    pendingSpace = '';
    if (line.length === 0) {
      // The paragraph's first piece. An indent stays, even alone on its line when the word
      // after it only fits on a line of its own.
      if (space) line.push(space);
      if (piece.kind === 'word' && !fits(text() + piece.text)) {
        if (space && fits(piece.text)) {
          lines.push(text());
          line = [piece.text];
        } else breakWord(piece.text);
      } else line.push(piece.text);
      continue;
    }
    if (fits(text() + space + piece.text)) {
      if (space) line.push(space);
      line.push(piece.text);
      continue;
    }
    if (piece.kind === 'word' && !fits(piece.text)) {
      // Wider than a whole line: start it here and break it by character.
      if (space && fits(text() + space + first(piece.text))) line.push(space);
      breakWord(piece.text);
      continue;
    }
    wrap(piece.text); // the spaces before it are dropped
    line.push(piece.text);
  }
  // Trailing spaces stay where they fit (a paragraph of spaces keeps them all).
  if (pendingSpace && (line.length === 0 || fits(text() + pendingSpace))) line.push(pendingSpace);
  lines.push(text());
  return lines;

  /** Add a word character by character, wrapping where the next character does not fit. */
  function breakWord(word: string): void {
    for (const ch of word) {
      if (line.length > 0 && !fits(text() + ch)) wrap(ch);
      line.push(ch);
    }
  }
}

/**
 * Break `text` into lines no wider than `maxWidth` as `measure` sees them. Joining the lines
 * gives back the text, less '\r' and the spaces dropped at wrap points. An empty text is one
 * empty line.
 */
export function layoutText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const width = Number.isFinite(maxWidth) ? maxWidth : 0;
  return text.split(/\r\n|\r|\n/).flatMap((paragraph) => layoutParagraph(paragraph, width, measure));
}

/** Height of a block of lines at a font size: one line pitch per line, at least one line. */
export function textBlockHeight(lines: readonly string[], fontSize: number): number {
  const size = Number.isFinite(fontSize) && fontSize > 0 ? fontSize : 0;
  return Math.round(Math.max(1, lines.length) * size * TEXT_LINE_HEIGHT * 100) / 100;
}

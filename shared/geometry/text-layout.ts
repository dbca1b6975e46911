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
export const NO_LINE_START: ReadonlySet<string> = new Set(
  Array.from(
    '、。，．・：；？！ー～…‥）」』】〕〉》｝］〙〗’”ゝゞヽヾ々ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ',
  ),
);

/** Characters that must not end a line (行末禁則). */
export const NO_LINE_END: ReadonlySet<string> = new Set(Array.from('（「『【〔〈《｛［〘〖‘“'));

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

/*
 * Advance widths of Noto Sans JP 2.004 (the font the board shows and the PDF embeds), in
 * 1/1000 em, for the characters that are not one full em wide: ASCII, Latin-1 and general
 * punctuation, per weight. Kana, kanji and full-width forms are 1 em; half-width katakana 0.5.
 */
const NOTO_WIDTHS = {
  regular: {
    ascii: [
      224, 323, 474, 555, 555, 921, 680, 278, 338, 338, 467, 555, 278, 347, 278, 392, 555, 555, 555, 555, 555,
      555, 555, 555, 555, 555, 278, 278, 555, 555, 555, 474, 946, 608, 657, 638, 688, 589, 552, 689, 728, 293,
      535, 646, 543, 812, 723, 742, 633, 742, 635, 596, 599, 721, 575, 878, 573, 531, 603, 338, 392, 338, 555,
      559, 606, 563, 618, 510, 620, 554, 325, 564, 607, 275, 275, 552, 284, 926, 610, 606, 620, 620, 388, 468,
      377, 607, 521, 802, 498, 521, 475, 338, 270, 338, 555,
    ],
    latin1: [
      224, 323, 555, 555, 555, 555, 270, 1000, 606, 832, 386, 479, 555, 347, 473, 606, 370, 1000, 411, 411,
      606, 628, 1000, 561, 606, 411, 407, 479, 873, 903, 889, 474, 608, 608, 608, 608, 608, 608, 918, 638,
      589, 589, 589, 589, 293, 293, 293, 293, 712, 723, 742, 742, 742, 742, 742, 1000, 742, 721, 721, 721,
      721, 531, 652, 643, 563, 563, 563, 563, 563, 563, 877, 510, 554, 554, 554, 554, 275, 275, 275, 275, 608,
      610, 606, 606, 606, 606, 606, 1000, 606, 607, 607, 607, 607, 521, 620, 521,
    ],
    punct: [
      1000, 347, 536, 536, 894, 1000, 1000, 1000, 278, 278, 278, 1000, 474, 474, 474, 1000, 1000, 1000, 340,
      1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 278, 474,
      1000, 1000, 1000, 1000, 1000, 302, 302, 1000, 613, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000,
      1000, 910, 758, 758, 1000, 1000, 1000, 1000, 1000, 1000,
    ],
  },
  bold: {
    ascii: [
      227, 370, 574, 590, 590, 963, 740, 325, 378, 378, 507, 590, 325, 370, 325, 387, 590, 590, 590, 590, 590,
      590, 590, 590, 590, 590, 325, 325, 590, 590, 590, 514, 1007, 641, 681, 656, 714, 615, 585, 717, 757,
      330, 568, 686, 578, 853, 749, 770, 667, 770, 682, 624, 625, 748, 619, 915, 627, 580, 613, 378, 387, 378,
      590, 567, 626, 591, 644, 527, 644, 581, 372, 597, 640, 304, 306, 604, 315, 964, 641, 626, 644, 644, 437,
      495, 421, 637, 576, 863, 562, 574, 511, 378, 296, 378, 590,
    ],
    latin1: [
      227, 370, 590, 590, 590, 590, 296, 1000, 626, 849, 403, 529, 590, 370, 513, 626, 404, 1000, 424, 424,
      626, 664, 1000, 592, 626, 424, 420, 529, 909, 948, 921, 514, 641, 641, 641, 641, 641, 641, 951, 656,
      615, 615, 615, 615, 330, 330, 330, 330, 742, 749, 770, 770, 770, 770, 770, 1000, 770, 748, 748, 748,
      748, 580, 690, 700, 591, 591, 591, 591, 591, 591, 891, 527, 581, 581, 581, 581, 304, 304, 304, 304, 630,
      641, 626, 626, 626, 626, 626, 1000, 626, 637, 637, 637, 637, 574, 644, 574,
    ],
    punct: [
      1000, 370, 544, 544, 908, 1000, 1000, 1000, 325, 325, 325, 1000, 574, 574, 574, 1000, 1000, 1000, 378,
      1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 325, 574,
      1000, 1000, 1000, 1000, 1000, 324, 324, 1000, 677, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000,
      1000, 973, 830, 830, 1000, 1000, 1000, 1000, 1000, 1000,
    ],
  },
} as const;

function notoAdvance(cp: number, table: (typeof NOTO_WIDTHS)['regular' | 'bold']): number {
  if (cp >= 0x20 && cp <= 0x7e) return table.ascii[cp - 0x20] ?? 1000;
  if (cp >= 0xa0 && cp <= 0xff) return table.latin1[cp - 0xa0] ?? 1000;
  if (cp >= 0x2010 && cp <= 0x204f) return table.punct[cp - 0x2010] ?? 1000;
  if (cp === 0x2002) return 500; // en space
  if ((cp >= 0x200b && cp <= 0x200f) || cp === 0x2060 || cp === 0xfeff) return 0; // zero width
  if (cp === 0x3099 || cp === 0x309a || (cp >= 0x302a && cp <= 0x302d) || (cp >= 0x0300 && cp <= 0x036f)) {
    return 0; // combining marks
  }
  if ((cp >= 0xff61 && cp <= 0xff9f) || (cp >= 0xffe8 && cp <= 0xffee)) return 500; // half-width forms
  if (cp >= 0xffa1 && cp <= 0xffdc) return 920; // half-width hangul
  return 1000;
}

/**
 * A measure for `layoutText` from Noto Sans JP's advance widths (no kerning), the same on
 * every machine: the browser and the exporters break lines identically with it, whatever
 * canvas or pdfkit would report. Drawn text may end a few units off the measured width
 * (kerning), never differently broken.
 */
export function notoSansJpMeasure(fontSize: number, bold = false): (s: string) => number {
  const table = bold ? NOTO_WIDTHS.bold : NOTO_WIDTHS.regular;
  const size = Number.isFinite(fontSize) && fontSize > 0 ? fontSize : 0;
  return (s: string): number => {
    let units = 0;
    for (const ch of s) units += notoAdvance(ch.codePointAt(0) ?? 0, table);
    return (units * size) / 1000;
  };
}

import type { BoardDocument } from '../../shared/board';
import { canWrite, type Role } from '../../shared/protocol';

/** The two weights the board and the viewer's chrome use (client/fonts.ts loads the same). */
export const FONT_WEIGHTS = { regular: 400, bold: 700 } as const;
export type FontWeight = (typeof FONT_WEIGHTS)[keyof typeof FONT_WEIGHTS];

export type CodePointsByWeight = Record<FontWeight, number[]>;

function add(into: Set<number>, text: string): void {
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    // Line breaks and controls are never drawn.
    if (cp !== undefined && cp >= 0x20) into.add(cp);
  }
}

/**
 * The characters a role sees drawn on the board, per weight: every text record (the
 * template's title and headings included), and the title the chrome and the cover show.
 * Behind the cover a viewer sees the title only: the font must not tell what the board says.
 */
export function boardCodePoints(doc: BoardDocument, role: Role): CodePointsByWeight {
  const regular = new Set<number>();
  const bold = new Set<number>();
  add(bold, doc.meta.title);
  if (doc.meta.revealed || canWrite(role)) {
    for (const o of doc.objects) {
      if (o.type === 'text') add(o.bold ? bold : regular, o.text);
    }
  }
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  return { [FONT_WEIGHTS.regular]: sorted(regular), [FONT_WEIGHTS.bold]: sorted(bold) };
}

/** `U+20,U+3042-3044`: the CSS unicode-range of exactly these code points (ascending). */
export function unicodeRange(codePoints: readonly number[]): string {
  const parts: string[] = [];
  let start = -1;
  let prev = -2;
  const flush = () => {
    if (start < 0) return;
    const hex = (n: number) => n.toString(16).toUpperCase();
    parts.push(start === prev ? `U+${hex(start)}` : `U+${hex(start)}-${hex(prev)}`);
  };
  for (const cp of codePoints) {
    if (cp !== prev + 1) {
      flush();
      start = cp;
    }
    prev = cp;
  }
  flush();
  return parts.join(',');
}

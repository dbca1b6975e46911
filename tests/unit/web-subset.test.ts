import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FONT_FILES } from '../../server/export/fonts';
import { unicodeRange } from '../../server/fonts/board-text';
import { openSourceFont, webSubset } from '../../server/fonts/web-subset';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as {
  create(b: Buffer): {
    numGlyphs: number;
    glyphForCodePoint(cp: number): { id: number; advanceWidth: number };
  };
};

describe('the web subset of Noto Sans JP', () => {
  const source = openSourceFont(FONT_FILES.regular);
  const text = '第21回地域福祉セミナー 相談支援𠮷';

  it('is a WOFF2 holding exactly the text’s glyphs, with the full font’s metrics', () => {
    const cps = [...text].map((c) => c.codePointAt(0) ?? 0);
    const subset = webSubset(source, cps);
    expect(String.fromCharCode(...subset.woff2.subarray(0, 4))).toBe('wOF2');
    const font = fontkit.create(Buffer.from(subset.woff2));
    for (const cp of subset.codePoints) {
      const glyph = font.glyphForCodePoint(cp);
      expect(glyph.id, String.fromCodePoint(cp)).toBeGreaterThan(0);
      const full = source.font.glyphForCodePoint(cp) as { advanceWidth?: number };
      expect(glyph.advanceWidth).toBe(full.advanceWidth);
    }
    expect(font.glyphForCodePoint('東'.codePointAt(0) ?? 0).id).toBe(0);
    expect(font.numGlyphs).toBeLessThanOrEqual(subset.codePoints.length + 1);
    expect(subset.woff2.byteLength).toBeLessThan(12_000);
  });

  it('says its characters as a CSS unicode-range', () => {
    expect(unicodeRange([0x20, 0x3042, 0x3043, 0x3044, 0x20bb7])).toBe('U+20,U+3042-3044,U+20BB7');
  });
});

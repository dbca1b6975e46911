import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NO_LINE_END,
  NO_LINE_START,
  TEXT_LINE_HEIGHT,
  layoutText,
  notoSansJpMeasure,
  textBlockHeight,
} from '../../shared/geometry/text-layout';

const RUNS = { seed: 20_231_116, numRuns: 500 } as const;

/** A fixed-width fake font: Japanese 1 em, anything else half an em. */
function isWide(ch: string): boolean {
  return /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u.test(ch);
}
function measure(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch) ? 1 : 0.5;
  return w;
}

const SPACES = /[ \t\u3000\r\n]/g;
/** Joining the lines gives back the text, less the spaces dropped at wrap points. */
function expectSameText(text: string, lines: readonly string[]): void {
  expect(lines.join('').replace(SPACES, '')).toBe(text.replace(SPACES, ''));
}

function expectKinsoku(lines: readonly string[]): void {
  lines.forEach((line, i) => {
    const chars = Array.from(line);
    if (i > 0) expect(NO_LINE_START.has(chars[0] ?? ''), `line ${i} "${line}" starts badly`).toBe(false);
    if (i < lines.length - 1) {
      expect(NO_LINE_END.has(chars[chars.length - 1] ?? ''), `line ${i} "${line}" ends badly`).toBe(false);
    }
  });
}

/** Words from the Sendai community-welfare seminar's board (fixtures/seminar-programme.json). */
const SEMINAR = {
  jusou: '重層的支援体制整備事業',
  hachimaru: '8050問題',
  youngCarer: 'ヤングケアラー',
  briefing: '行政説明「つながる支援 仙台市の重層的支援体制整備事業について」',
  keynote: '人と人がつながる、これからの地域づくりに向けて。',
  panel: 'パネルディスカッション「つながりを絶やさない支援のかたち」。',
  csw: 'CSWとは「コミュニティソーシャルワーカー」のこと。',
} as const;

describe('layoutText fixtures (fake font: 全角 1 em, Latin 0.5 em)', () => {
  it.each([
    // Japanese breaks between any two characters.
    [SEMINAR.jusou, 4, ['重層的支', '援体制整', '備事業']],
    [SEMINAR.jusou, 11, ['重層的支援体制整備事業']],
    // Digits are a Latin word: "8050" stays whole, the kanji may follow it or not.
    [SEMINAR.hachimaru, 3, ['8050問', '題']],
    [SEMINAR.hachimaru, 2, ['8050', '問題']],
    [SEMINAR.hachimaru, 1.5, ['805', '0問', '題']],
    // ー must not start a line: ラ goes down with it.
    [SEMINAR.youngCarer, 6, ['ヤングケア', 'ラー']],
    [SEMINAR.youngCarer, 3, ['ヤング', 'ケア', 'ラー']],
    // 「 must not end a line, 」 and 。 must not start one.
    [SEMINAR.keynote, 5, ['人と人がつ', 'ながる、こ', 'れからの地', '域づくりに', '向けて。']],
    [SEMINAR.keynote, 8, ['人と人がつなが', 'る、これからの地', '域づくりに向け', 'て。']],
    [
      SEMINAR.briefing,
      6,
      ['行政説明「つ', 'ながる支援', '仙台市の重層', '的支援体制整', '備事業につい', 'て」'],
    ],
    [
      SEMINAR.briefing,
      4,
      ['行政説明', '「つなが', 'る支援', '仙台市の', '重層的支', '援体制整', '備事業に', 'ついて」'],
    ],
    [SEMINAR.csw, 7, ['CSWとは「コ', 'ミュニティソー', 'シャルワー', 'カー」のこと。']],
    // Latin words stay whole; spaces at wraps are dropped.
    ['Hello world, this is grareco live', 5, ['Hello', 'world,', 'this is', 'grareco', 'live']],
    ['supercalifragilistic', 3, ['superc', 'alifra', 'gilist', 'ic']],
    ['Graphic recording とは', 6, ['Graphic', 'recording と', 'は']],
    ['Graphic recording とは', 5.5, ['Graphic', 'recording', 'とは']],
  ])('%s at %s em', (text, width, expected) => {
    const lines = layoutText(text, width, measure);
    expect(lines).toEqual(expected);
    expectSameText(text, lines);
  });

  it('the seminar words at every width from 0 to 12 em: same text, kinsoku kept, nothing too wide but hangs', () => {
    for (const text of Object.values(SEMINAR)) {
      for (let width = 0; width <= 12; width += 0.5) {
        const lines = layoutText(text, width, measure);
        expectSameText(text, lines);
        if (width >= 2) expectKinsoku(lines);
        for (const line of lines) {
          // A line is wider only by no-start characters hung at its end, or when it is one piece.
          const trimmed = line.replace(/[、。，．・：；？！ー）」』】〕〉》’”]+$/u, '');
          if (measure(trimmed) > width) expect(Array.from(trimmed).length <= 2 || width < 2).toBe(true);
        }
      }
    }
  });

  it('hangs a closing mark when nothing can go down with it (ぶら下げ)', () => {
    expect(layoutText('重層的支援体制整備事業（CSW）。', 4, measure)).toEqual([
      '重層的支',
      '援体制整',
      '備事業',
      '（CSW）。',
    ]);
    expect(layoutText('あ。', 1, measure)).toEqual(['あ。']);
    expect(layoutText('あ。。。', 1, measure)).toEqual(['あ。。。']);
  });

  it('keeps curly quotes inside Latin words, and the kinsoku rules for them', () => {
    expect(layoutText('don’t stop', 3, measure)).toEqual(['don’t', 'stop']);
    const lines = layoutText('地域の“つながり”を', 4, measure);
    expectSameText('地域の“つながり”を', lines);
    expectKinsoku(lines);
  });
});

describe('hard breaks, spaces and degenerate widths', () => {
  it('breaks at \\n and \\r\\n, keeping empty lines', () => {
    expect(layoutText('開会\n\n閉会', 10, measure)).toEqual(['開会', '', '閉会']);
    expect(layoutText('a\r\nb\rc', 10, measure)).toEqual(['a', 'b', 'c']);
    expect(layoutText('', 10, measure)).toEqual(['']);
    expect(layoutText('x\n', 10, measure)).toEqual(['x', '']);
  });

  it('keeps an indent and inner spaces; drops only the spaces at a wrap', () => {
    expect(layoutText('\u3000つながる会議', 10, measure)).toEqual(['\u3000つながる会議']);
    expect(layoutText('a  b', 10, measure)).toEqual(['a  b']);
    expect(layoutText('aaaa    bbbb', 2, measure)).toEqual(['aaaa', 'bbbb']);
    expect(layoutText('  indent here', 3, measure)).toEqual(['  ', 'indent', 'here']);
  });

  it('puts a piece wider than the line on its own line, and terminates for width 0, negative or NaN', () => {
    expect(layoutText('相談支援', 0.5, measure)).toEqual(['相', '談', '支', '援']);
    expect(layoutText('abc', 0, measure)).toEqual(['a', 'b', 'c']);
    expect(layoutText('参加 支援', -10, measure)).toEqual(['参', '加', '支', '援']);
    expect(layoutText('地域づくり', Number.NaN, measure)).toEqual(['地', '域', 'づ', 'く', 'り']);
    expect(layoutText('地域づくり', Infinity, measure)).toEqual(['地', '域', 'づ', 'く', 'り']);
  });

  it('survives a measure that returns NaN or throws nothing useful', () => {
    expect(layoutText('伴走型支援', 5, () => Number.NaN)).toEqual(['伴', '走', '型', '支', '援']);
  });
});

describe('layoutText properties (fixed seed)', () => {
  const alphabet = fc.constantFrom(
    ...Array.from('重層的支援体制あいうつながるヤングケアラーっゃ、。「」（）『』ー'),
    ...Array.from('abcXYZ0589,.-'),
    ' ',
    ' ',
    '\u3000',
    '\n',
  );
  const text = fc.array(alphabet, { maxLength: 80 }).map((cs) => cs.join(''));
  const width = fc.oneof(fc.double({ min: -2, max: 20, noNaN: true }), fc.constantFrom(0, 0.5, 1, 2, 3));

  it('terminates, and the lines give back the text (less wrap spaces)', () => {
    fc.assert(
      fc.property(text, width, (t, w) => {
        const lines = layoutText(t, w, measure);
        expectSameText(t, lines);
        expect(lines.length).toBeGreaterThanOrEqual(t.split('\n').length);
      }),
      RUNS,
    );
  });

  it('Japanese-only text at 2 em or wider never breaks a kinsoku rule', () => {
    const jp = fc
      .array(fc.constantFrom(...Array.from('重層的支援あいうつながるヤングケアラーっゃ、。「」（）ー')), {
        maxLength: 60,
      })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(jp, fc.integer({ min: 2, max: 12 }), (t, w) => {
        expectKinsoku(layoutText(t, w, measure));
      }),
      RUNS,
    );
  });

  it('a line is never wider than the width unless it is forced (one piece) or hangs punctuation', () => {
    const latinAndJp = fc
      .array(fc.constantFrom(...Array.from('支援あいうつながる'), 'ab', 'cde', ' '), { maxLength: 40 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(latinAndJp, fc.integer({ min: 3, max: 12 }), (t, w) => {
        for (const line of layoutText(t, w, measure)) expect(measure(line)).toBeLessThanOrEqual(w);
      }),
      RUNS,
    );
  });
});

describe('textBlockHeight', () => {
  it('is one line pitch (1.35 em) per line, at least one line', () => {
    expect(TEXT_LINE_HEIGHT).toBe(1.35);
    expect(textBlockHeight(['a', 'b', 'c'], 44)).toBe(178.2);
    expect(textBlockHeight([], 44)).toBe(59.4);
    expect(textBlockHeight(['一行'], 120)).toBe(162);
    expect(textBlockHeight(['x'], Number.NaN)).toBe(0);
  });
});

describe('notoSansJpMeasure', () => {
  it('measures with Noto Sans JP advance widths: kana and kanji 1 em, Latin proportional', () => {
    const m = notoSansJpMeasure(100);
    expect(m('重層的支援')).toBe(500);
    expect(m('ヤングケアラー')).toBe(700);
    expect(m('CSW')).toBeCloseTo(63.8 + 59.6 + 87.8, 9);
    expect(m('8050')).toBeCloseTo(4 * 55.5, 9);
    expect(m(' ')).toBeCloseTo(22.4, 9);
    expect(m('ｱｲ')).toBe(100);
    expect(m('')).toBe(0);
    expect(notoSansJpMeasure(100, true)('CSW')).toBeCloseTo(65.6 + 62.4 + 91.5, 9);
    expect(notoSansJpMeasure(Number.NaN)('あ')).toBe(0);
  });

  it('lays out a seminar title at the body size (44) in a 400-unit box', () => {
    const lines = layoutText(
      'パネルディスカッション「つながりを絶やさない支援のかたち」',
      400,
      notoSansJpMeasure(44),
    );
    expect(lines).toEqual(['パネルディスカッ', 'ション「つながりを', '絶やさない支援のか', 'たち」']);
  });
});

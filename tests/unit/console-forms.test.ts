import { describe, expect, it } from 'vitest';
import { buildCreateBody, normaliseTime, type CreateFields } from '../../client/admin/create-body';
import { fileNameFor, fileNameOf } from '../../client/admin/download';
import { matchesTitle } from '../../client/admin/search';
import { SEMINAR_AGENDA } from '../../client/admin/seminar-agenda';
import { intlLocale } from '../../client/i18n/intl-locale';
import { agendaItemSchema } from '../../shared/board';
import { DEFAULT_PALETTE } from '../../shared/palette';

const BASE: CreateFields = {
  title: ' 第21回地域福祉セミナー ',
  date: '2023-11-16',
  size: 'screen',
  width: 3840,
  height: 2160,
  palette: [...DEFAULT_PALETTE],
  agenda: [],
  cover: false,
  coverText: '',
  startsAt: '',
};

describe('the create form’s body', () => {
  it('takes a preset size, trims the title and leaves out what is empty', () => {
    const check = buildCreateBody({ ...BASE, size: 'print', date: '' });
    expect(check).toEqual({
      ok: true,
      body: {
        title: '第21回地域福祉セミナー',
        width: 4961,
        height: 3508,
        palette: [...DEFAULT_PALETTE],
        agenda: [],
      },
    });
  });

  it('uses a custom size only within the board limits', () => {
    const ok = buildCreateBody({ ...BASE, size: 'custom', width: 6000, height: 3000 });
    expect(ok.ok && [ok.body.width, ok.body.height]).toEqual([6000, 3000]);
    for (const [width, height] of [
      [100, 2000],
      [3000, 30_000],
      [1000.5, 1000],
      [Number.NaN, 1000],
    ] as const) {
      expect(buildCreateBody({ ...BASE, size: 'custom', width, height })).toMatchObject({
        ok: false,
        message: 'sizeInvalid',
      });
    }
  });

  it('drops empty agenda rows, refuses half-filled ones and normalises times', () => {
    const check = buildCreateBody({
      ...BASE,
      agenda: [
        { key: 1, start: '１３：１５', title: ' 開会 ' },
        { key: 2, start: '', title: '' },
        { key: 3, start: '9:05', title: '受付' },
      ],
    });
    expect(check.ok && check.body.agenda).toEqual([
      { start: '13:15', title: '開会' },
      { start: '09:05', title: '受付' },
    ]);
    expect(buildCreateBody({ ...BASE, agenda: [{ key: 1, start: '13:15', title: '' }] })).toEqual({
      ok: false,
      message: 'agendaIncomplete',
      params: { n: 1 },
    });
    expect(
      buildCreateBody({
        ...BASE,
        agenda: [
          { key: 1, start: '13:15', title: '開会' },
          { key: 2, start: '25:00', title: '閉会' },
        ],
      }),
    ).toEqual({ ok: false, message: 'agendaTimeInvalid', params: { n: 2 } });
  });

  it('sends the cover only when asked, and lower-case colours', () => {
    const check = buildCreateBody({
      ...BASE,
      palette: ['#AABBCC'],
      cover: true,
      coverText: ' まもなく開始します ',
      startsAt: '13:15',
    });
    expect(check.ok && check.body).toMatchObject({
      palette: ['#aabbcc'],
      cover: true,
      coverText: 'まもなく開始します',
      startsAt: '13:15',
    });
    expect(buildCreateBody({ ...BASE, title: '   ' })).toMatchObject({
      ok: false,
      message: 'createTitleMissing',
    });
  });

  it('has a seminar example the server accepts', () => {
    expect(SEMINAR_AGENDA.map((a) => a.start)).toEqual([
      '13:15',
      '13:25',
      '13:35',
      '14:25',
      '14:35',
      '15:45',
    ]);
    for (const item of SEMINAR_AGENDA) expect(agendaItemSchema.safeParse(item).success).toBe(true);
  });

  it('reads times as people type them', () => {
    expect(normaliseTime('13:15')).toBe('13:15');
    expect(normaliseTime(' ９：０５ ')).toBe('09:05');
    expect(normaliseTime('24:00')).toBeNull();
    expect(normaliseTime('13時15分')).toBeNull();
  });
});

describe('console helpers', () => {
  it('search matches every word, ignoring case and width', () => {
    expect(matchesTitle('第21回地域福祉セミナー', '')).toBe(true);
    expect(matchesTitle('第21回地域福祉セミナー', '福祉　セミナー')).toBe(true);
    expect(matchesTitle('第21回地域福祉セミナー', '第２１回')).toBe(true);
    expect(matchesTitle('Autumn lecture', 'ＡＵＴＵＭＮ')).toBe(true);
    expect(matchesTitle('理事会', 'セミナー')).toBe(false);
  });

  it('file names come from the server’s Content-Disposition, else from the title', () => {
    const header = `attachment; filename="board.pdf"; filename*=UTF-8''${encodeURIComponent('第21回 セミナー')}.pdf`;
    expect(fileNameOf(header)).toBe('第21回 セミナー.pdf');
    expect(fileNameOf('attachment; filename="board-x.grareco"')).toBe('board-x.grareco');
    expect(fileNameOf(null)).toBeNull();
    expect(fileNameFor({ title: 'a/b:c' }, 'svg')).toBe('a_b_c.svg');
    expect(fileNameFor({ title: '  ' }, 'pngWeb')).toBe('board_web.png');
    expect(fileNameFor({ title: '第21回 セミナー', date: '2023-11-16' }, 'pdfA3')).toBe(
      '第21回_セミナー_2023-11-16_A3.pdf',
    );
    expect(fileNameFor({ title: 'x', date: '２０２３年１１月１６日' }, 'publish')).toBe(
      'x_2023-11-16-publish.zip',
    );
  });

  it('dates read in ja-JP for Japanese, in the reader’s English otherwise', () => {
    expect(intlLocale('ja', ['en-US'])).toBe('ja-JP');
    expect(intlLocale('en', ['ja-JP', 'en-AU'])).toBe('en-AU');
    expect(intlLocale('en', ['ja-JP'])).toBe('en-GB');
  });
});

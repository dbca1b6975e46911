import { describe, expect, it } from 'vitest';
import { parseEventDate } from '../../shared/event-date';
import { asciiExportFileName, exportFileName, fileNamePart } from '../../shared/file-names';
import { isMp4 } from '../../server/export/mp4-check';
import { ftypBytes } from '../helpers/publish-boards';

describe('export file names', () => {
  it('reads the event date as organisers write it, and refuses what is no date', () => {
    const nov16 = { year: 2023, month: 11, day: 16 };
    for (const written of [
      '2023-11-16',
      '2023/11/16',
      ' 2023.11.16 ',
      '２０２３／１１／１６',
      '2023年11月16日(木)',
    ])
      expect(parseEventDate(written), written).toEqual(nov16);
    for (const written of ['', '11月16日', '2023-02-30', '2023-13-01', 'いつか'])
      expect(parseEventDate(written)).toBeNull();
  });

  it('keeps names safe on every system', () => {
    expect(fileNamePart('../../etc/passwd')).toBe('etc_passwd');
    expect(fileNamePart('a\\b:c*d?e"f<g>h|i\u0000j\u202ek')).toBe('a_b_c_d_e_f_g_h_i_j_k');
    expect(fileNamePart('第21回　地域 福祉セミナー')).toBe('第21回_地域_福祉セミナー');
    expect([...fileNamePart('長'.repeat(200))].length).toBe(80);
    expect(exportFileName({ title: '...' }, 'svg')).toBe('board.svg');
  });

  it('names each file for what it is; the ASCII fallback never carries other characters', () => {
    const board = { title: '第21回地域福祉セミナー', date: '2023-11-16' };
    expect(exportFileName(board, 'pdfBoard')).toBe('第21回地域福祉セミナー_2023-11-16_board.pdf');
    expect(exportFileName(board, 'publish')).toBe('第21回地域福祉セミナー_2023-11-16-publish.zip');
    expect(asciiExportFileName(board, 'pdfA3')).toBe('board_2023-11-16_A3.pdf');
    expect(asciiExportFileName({ title: 'Autumn lecture' }, 'pngPrint')).toBe('Autumn_lecture_print.png');
  });
});

describe('the MP4 check', () => {
  it('takes ISO/MP4 brands and refuses QuickTime, HEIF images and other bytes', () => {
    expect(isMp4(ftypBytes('isom'))).toBe(true);
    expect(isMp4(ftypBytes('mp42', ['mp42', 'isom']))).toBe(true);
    expect(isMp4(ftypBytes('qt  ', ['qt  ']))).toBe(false);
    expect(isMp4(ftypBytes('heic', ['mif1', 'heic']))).toBe(false);
    expect(isMp4(Buffer.from('\x00\x00\x00\x18ftypisom'))).toBe(false);
    expect(isMp4(Buffer.alloc(64))).toBe(false);
  });
});

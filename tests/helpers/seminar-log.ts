import { agendaTemplate } from '../../shared/agenda-layout';
import type { AgendaItem } from '../../shared/board';
import type { CommittedOp, Op } from '../../shared/ops';
import { addOp, makeStroke, makeText, removeOp } from './fixtures';

/** A local wall-clock instant on the seminar's day (2023-11-16) or another day of that month. */
export function seminarTime(h: number, m: number, s = 0, day = 16): number {
  return new Date(2023, 10, day, h, m, s).getTime();
}

const WORDS = ['重層的支援体制整備事業', 'つながる会議', '相談支援', '参加支援', '地域づくり', '伴走型支援'];

/**
 * The log of a seminar day as a time-lapse sees it: the template made the afternoon before,
 * a stroke or a word every 40 s from 13:16, a four-minute stop at 13:23, the break from
 * 14:24 to 14:37, a stroke erased during the panel, and the last op at 15:45.
 */
export function seminarLog(
  title: string,
  agenda: readonly AgendaItem[],
  board: { width: number; height: number },
): CommittedOp[] {
  const timed: [number, Op][] = [
    [seminarTime(16, 0, 0, 15), addOp(...agendaTemplate(title, agenda, board.width, board.height, 'tpl'))],
  ];
  let n = 0;
  const draw = (from: number, to: number) => {
    for (let at = from; at <= to; at += 40_000, n++) {
      const col = n % 24;
      const row = Math.floor(n / 24) % 8;
      const [x, y] = [120 + col * 150, 620 + row * 170];
      const word = WORDS[n % WORDS.length] ?? '支援';
      const op =
        n % 9 === 4
          ? addOp({ ...makeText(`word-${n}`, word, x, y), fontSize: 40, w: 520, h: 60 })
          : addOp({ ...makeStroke(x, y, 14), id: `stroke-${n}`, size: 14 });
      timed.push([at, op]);
    }
  };
  draw(seminarTime(13, 16), seminarTime(13, 23));
  draw(seminarTime(13, 27), seminarTime(14, 24));
  draw(seminarTime(14, 37), seminarTime(15, 20));
  timed.push([seminarTime(15, 20, 30), removeOp('stroke-3')]);
  draw(seminarTime(15, 21), seminarTime(15, 44));
  timed.push([seminarTime(15, 45), addOp({ ...makeStroke(3300, 1900, 30), id: 'signature', size: 20 })]);
  return timed.map(([at, op], i) => ({ seq: i + 1, at: Math.round(at), actor: 'recorder', op }));
}

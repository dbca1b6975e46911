import { SEMINAR_AGENDA } from '../../client/admin/seminar-agenda';
import type { TextRecord } from '../../shared/objects/text';
import type { Op } from '../../shared/ops';
import { addOp, makeStroke } from './fixtures';
import { connectClient, keyOf, sendAll, type CreatedBoard } from './socket-clients';

/** What the recorder wrote on the seminar's board (the programme's words and a few notes). */
export const SEMINAR_NOTES = [
  '重なり、つながる支援の実践に向けて',
  '重層的支援体制整備事業',
  'つながる会議',
  '相談支援・参加支援・地域づくり',
  '伴走型支援',
  '孤立させない',
  '8050問題',
  'ヤングケアラー',
  'CSW（コミュニティソーシャルワーカー）',
  '断らない相談窓口',
  '支える側と支えられる側を分けない',
  '地域の居場所づくり',
  '多機関協働で課題を整理する',
  '本人と家族の声を聴く',
  'アウトリーチ',
  '制度の狭間を埋める',
] as const;

function note(i: number, text: string): TextRecord {
  const bold = i % 4 === 0;
  return {
    id: `note-${i}`,
    type: 'text',
    text,
    fontSize: bold ? 72 : 44,
    color: '#1f2328',
    bold,
    w: 1100,
    h: bold ? 100 : 60,
    transform: [1, 0, 0, 1, 140 + (i % 3) * 1220, 700 + Math.floor(i / 3) * 220],
  };
}

/**
 * The seminar's board as the hall sees it during the panel: the programme's template (title
 * and six headings), the recorder's notes in Japanese and `strokes` pen strokes.
 */
export async function createSeminarBoard(
  url: string,
  adminToken: string,
  strokes = 300,
): Promise<CreatedBoard> {
  const res = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: '第21回地域福祉セミナー', date: '2023-11-16', agenda: SEMINAR_AGENDA }),
  });
  if (res.status !== 201) throw new Error(`create board: ${res.status} ${await res.text()}`);
  const board = (await res.json()) as CreatedBoard;
  const recorder = await connectClient(url, board.id, keyOf(board.links.draw));
  try {
    const ops: Op[] = [addOp(...SEMINAR_NOTES.map((text, i) => note(i, text)))];
    for (let i = 0; i < strokes; i += 50) {
      const batch = Array.from({ length: Math.min(50, strokes - i) }, (_, k) => {
        const n = i + k;
        return makeStroke(200 + (n % 30) * 115, 1500 + Math.floor(n / 30) * 55, 12, `stroke-${n}`);
      });
      ops.push(addOp(...batch));
    }
    await sendAll(recorder, ops);
  } finally {
    recorder.close();
  }
  return board;
}

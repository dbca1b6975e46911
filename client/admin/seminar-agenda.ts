import type { AgendaItem } from '../../shared/board';

/**
 * The programme of the first users' event (Sendai's 21st community-welfare seminar,
 * shared/fixtures/seminar-programme.json in the design notes): the console's example agenda.
 */
export const SEMINAR_AGENDA = [
  { start: '13:15', title: '開会' },
  { start: '13:25', title: '行政説明「つながる支援 仙台市の重層的支援体制整備事業について」' },
  { start: '13:35', title: '基調講演「人と人がつながる、これからの地域づくりに向けて」' },
  { start: '14:25', title: '休憩' },
  { start: '14:35', title: 'パネルディスカッション「つながりを絶やさない支援のかたち」' },
  { start: '15:45', title: '閉会' },
] as const satisfies readonly AgendaItem[];

import { describe, expect, it } from 'vitest';
import {
  AGENDA_SLACK_MS,
  agendaInstant,
  eventDay,
  parseEventDate,
  pauseMarkers,
  PAUSE_MIN_MS,
  replayMarkers,
} from '../../client/replay/markers';
import { labelSlots, MIN_LABEL_ROOM } from '../../client/replay/marker-layout';

/** Local wall-clock instants, so the tests hold in every time zone the suite runs in. */
function local(h: number, m: number, s = 0, day = 16): number {
  return new Date(2023, 10, day, h, m, s).getTime();
}

const MIN = 60_000;

describe('event date', () => {
  it.each([
    ['2023-11-16', { year: 2023, month: 11, day: 16 }],
    ['2023/11/6', { year: 2023, month: 11, day: 6 }],
    ['2023.11.16', { year: 2023, month: 11, day: 16 }],
    ['2023年11月16日', { year: 2023, month: 11, day: 16 }],
    [' 2023-11-16 ', { year: 2023, month: 11, day: 16 }],
  ])('reads %j', (text, day) => {
    expect(parseEventDate(text)).toEqual(day);
  });

  it.each(['', '11/16', '2023-13-01', '2023-02-30', 'next Thursday', '2023-11-16T13:00'])(
    'refuses %j',
    (text) => {
      expect(parseEventDate(text)).toBeNull();
    },
  );

  it("is the board's date when set, else the local day of the first op", () => {
    expect(eventDay('2023-11-20', local(13, 0))).toEqual({ year: 2023, month: 11, day: 20 });
    expect(eventDay('', local(23, 59))).toEqual({ year: 2023, month: 11, day: 16 });
    expect(eventDay('someday', local(0, 1))).toEqual({ year: 2023, month: 11, day: 16 });
    expect(eventDay('', undefined)).toBeNull();
  });

  it('puts an agenda start on that day in local time', () => {
    expect(agendaInstant({ year: 2023, month: 11, day: 16 }, '13:15')).toBe(local(13, 15));
    expect(agendaInstant({ year: 2023, month: 11, day: 16 }, '9:05')).toBe(local(9, 5));
    expect(agendaInstant({ year: 2023, month: 11, day: 16 }, 'noon')).toBeNull();
  });
});

describe('pause markers', () => {
  it('marks gaps over two minutes at their start, with their length in minutes', () => {
    const times = [local(13, 0), local(13, 1), local(13, 3, 1), local(13, 4), local(13, 19, 40)];
    expect(pauseMarkers(times)).toEqual([
      { kind: 'pause', at: local(13, 1), until: local(13, 3, 1), minutes: 2 },
      { kind: 'pause', at: local(13, 4), until: local(13, 19, 40), minutes: 16 },
    ]);
  });

  it('leaves a gap of exactly two minutes, and short logs, unmarked', () => {
    expect(pauseMarkers([local(13, 0), local(13, 0) + PAUSE_MIN_MS])).toEqual([]);
    expect(pauseMarkers([local(13, 0)])).toEqual([]);
    expect(pauseMarkers([])).toEqual([]);
  });
});

describe('replay markers', () => {
  const agenda = [
    { start: '13:00', title: '開会' },
    { start: '13:10', title: '基調講演' },
    { start: '14:30', title: '休憩' },
    { start: '14:40', title: 'パネルディスカッション' },
    { start: '18:00', title: '懇親会' },
  ];

  it('puts agenda headings on the event date and long pauses in time order', () => {
    // The recorder starts at 13:02 and stops for the break from 14:28 to 14:41.
    const times = [local(13, 2), local(13, 30), local(13, 31), local(14, 28), local(14, 41), local(15, 50)];
    const markers = replayMarkers({ date: '2023-11-16', agenda }, times);
    expect(markers.map((m) => [m.kind, m.at, m.kind === 'agenda' ? m.title : m.minutes])).toEqual(
      [
        // 13:00 is before the first op but within the slack: at the start of the bar.
        ['agenda', local(13, 2), '開会'],
        ['agenda', local(13, 10), '基調講演'],
        ['pause', local(13, 2), 28],
        ['pause', local(13, 31), 57],
        ['pause', local(14, 28), 13],
        ['agenda', local(14, 30), '休憩'],
        ['agenda', local(14, 40), 'パネルディスカッション'],
        ['pause', local(14, 41), 69],
        // 18:00 is more than half an hour after the last op: left off.
      ].sort((a, b) => (a[1] as number) - (b[1] as number)),
    );
  });

  it('uses the day of the first op when the board has no date', () => {
    const times = [local(13, 5, 0, 17), local(13, 40, 0, 17)];
    const markers = replayMarkers({ date: '', agenda }, times).filter((m) => m.kind === 'agenda');
    expect(markers).toEqual([
      { kind: 'agenda', at: times[0], title: '開会', start: '13:00' },
      { kind: 'agenda', at: local(13, 10, 0, 17), title: '基調講演', start: '13:10' },
    ]);
  });

  it('leaves off an agenda of another day', () => {
    const times = [local(13, 5), local(13, 40)];
    expect(replayMarkers({ date: '2023-11-17', agenda }, times).filter((m) => m.kind === 'agenda')).toEqual(
      [],
    );
  });

  it('clamps headings within the slack to the edges of the log', () => {
    const times = [local(13, 0) + AGENDA_SLACK_MS - MIN, local(13, 0) + AGENDA_SLACK_MS + 5 * MIN];
    const markers = replayMarkers(
      { date: '2023-11-16', agenda: [{ start: '13:00', title: '開会' }] },
      times,
    ).filter((m) => m.kind === 'agenda');
    expect(markers).toEqual([{ kind: 'agenda', at: times[0], title: '開会', start: '13:00' }]);
  });

  it('is empty for an empty log', () => {
    expect(replayMarkers({ date: '2023-11-16', agenda }, [])).toEqual([]);
  });
});

describe('marker labels on the seek bar', () => {
  it('gives each label the room up to the next marker of its row', () => {
    expect(labelSlots([0, 10, 45])).toEqual([
      { at: 0, left: 0, width: 10, flip: false },
      { at: 10, left: 10, width: 35, flip: false },
      { at: 45, left: 45, width: 55, flip: false },
    ]);
  });

  it('hangs the last label left of its line when the bar ends too soon', () => {
    // The two share the gap between them.
    expect(labelSlots([20, 96])).toEqual([
      { at: 20, left: 20, width: 38, flip: false },
      { at: 96, left: 58, width: 38, flip: true },
    ]);
    expect(labelSlots([92])).toEqual([{ at: 92, left: 0, width: 92, flip: true }]);
    expect(labelSlots([100 - MIN_LABEL_ROOM])[0]?.flip).toBe(false);
  });

  it('leaves markers at the same place no room rather than overlap', () => {
    expect(labelSlots([0, 0, 50]).map((s) => s.width)).toEqual([0, 50, 50]);
    expect(labelSlots([])).toEqual([]);
  });
});

import { PAUSE_MIN_MS } from './markers';

/** How long a long pause lasts in play (log time), when pauses are shortened. */
export const SHORTENED_PAUSE_MS = 60_000;

/**
 * Play time (ms from the start of the replay) against log time (ms since the epoch). With
 * shortened pauses, every gap longer than PAUSE_MIN_MS lasts SHORTENED_PAUSE_MS in play, so a
 * board made days before its event, or a lunch break, does not leave the replay standing still.
 */
export interface Timeline {
  readonly start: number;
  readonly end: number;
  /** Play length in ms (log time after shortening). */
  readonly duration: number;
  toLog(play: number): number;
  toPlay(at: number): number;
}

/** Knots [log, play]; between two knots the mapping is a straight line. */
type Knot = readonly [number, number];

function interpolate(knots: readonly Knot[], value: number, from: 0 | 1): number {
  const to = from === 0 ? 1 : 0;
  const first = knots[0] as Knot;
  const last = knots[knots.length - 1] as Knot;
  if (value <= first[from]) return first[to];
  if (value >= last[from]) return last[to];
  let lo = 0;
  let hi = knots.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((knots[mid] as Knot)[from] <= value) lo = mid;
    else hi = mid;
  }
  const a = knots[lo] as Knot;
  const b = knots[hi] as Knot;
  const span = b[from] - a[from];
  return span <= 0 ? b[to] : a[to] + ((value - a[from]) * (b[to] - a[to])) / span;
}

/** The timeline of sorted op times; `shortenPauses` squeezes the long gaps. */
export function createTimeline(times: readonly number[], shortenPauses: boolean): Timeline {
  const start = times[0] ?? 0;
  const end = times[times.length - 1] ?? start;
  const knots: Knot[] = [[start, 0]];
  let play = 0;
  let prev = start;
  if (shortenPauses) {
    for (let i = 1; i < times.length; i++) {
      const a = times[i - 1] as number;
      const b = times[i] as number;
      if (b - a <= PAUSE_MIN_MS) continue;
      play += a - prev;
      knots.push([a, play]);
      play += SHORTENED_PAUSE_MS;
      knots.push([b, play]);
      prev = b;
    }
  }
  play += end - prev;
  if (end > prev || knots.length === 1) knots.push([end, play]);
  return {
    start,
    end,
    duration: play,
    toLog: (p) => interpolate(knots, p, 1),
    toPlay: (at) => interpolate(knots, at, 0),
  };
}

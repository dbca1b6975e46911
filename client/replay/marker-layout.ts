/**
 * Where a marker's label may go along the seek bar, in % of its width: from its line to the
 * next marker of the same row, so labels never cover each other. The last one hangs left of
 * its line when the bar ends too soon after it.
 */
export interface LabelSlot {
  /** The marker's line, 0 … 100. */
  at: number;
  /** The label's box: left edge and width, 0 … 100. */
  left: number;
  width: number;
  /** The label sits left of the line (its box ends at `at`). */
  flip: boolean;
}

/** Below this much room on the right, the last label looks for room on its left. */
export const MIN_LABEL_ROOM = 15;

/** Slots for marker positions sorted along the bar (0 … 100). */
export function labelSlots(positions: readonly number[]): LabelSlot[] {
  const n = positions.length;
  const last = positions[n - 1] ?? 0;
  const before = n > 1 ? (positions[n - 2] ?? 0) : 0;
  // The last label hangs left when the bar ends too soon after it and there is more room before.
  const flipLast = n > 0 && 100 - last < MIN_LABEL_ROOM && last - before > 100 - last;
  return positions.map((at, i) => {
    const next = positions[i + 1] ?? 100;
    const room = Math.max(0, next - at);
    if (i === n - 1 && flipLast) {
      // Shares the gap with the label before it, which hangs right into the other half.
      const width = n > 1 ? (at - before) / 2 : at;
      return { at, left: at - width, width, flip: true };
    }
    const shared = i === n - 2 && flipLast ? room / 2 : room;
    return { at, left: at, width: shared, flip: false };
  });
}

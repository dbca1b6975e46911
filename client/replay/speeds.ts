/** Playback speeds offered, and "fit the whole replay into a minute". */
export const SPEEDS = [1, 2, 4, 8, 16, 32, 64] as const;
export const FIT = 'fit' as const;
export const FIT_MS = 60_000;

export type Speed = (typeof SPEEDS)[number];
export type SpeedChoice = Speed | typeof FIT;

/**
 * Log ms per real ms. "Fit" spreads the replay over 60 s; a log shorter than that plays at
 * ×1 rather than slower than it happened.
 */
export function playbackRate(choice: SpeedChoice, durationMs: number): number {
  if (choice === FIT) return Math.max(1, durationMs / FIT_MS);
  return choice;
}

export function parseSpeedChoice(value: string): SpeedChoice {
  if (value === FIT) return FIT;
  const n = Number(value);
  return SPEEDS.find((s) => s === n) ?? FIT;
}

import { z } from './zod';
import { LIMITS } from './limits';

const coord = z
  .number()
  .finite()
  .min(-LIMITS.coordinateMargin)
  .max(LIMITS.boardMaxSide + LIMITS.coordinateMargin)
  .transform((v) => Math.round(v));

/** The part of the board the recorder is looking at, in board units; viewers may follow it. */
export const viewportSchema = z.object({
  x: coord,
  y: coord,
  w: z
    .number()
    .finite()
    .min(10)
    .max(LIMITS.boardMaxSide * 4),
  h: z
    .number()
    .finite()
    .min(10)
    .max(LIMITS.boardMaxSide * 4),
});
export type Viewport = z.output<typeof viewportSchema>;

/** Laser pointer samples since the last batch; an empty batch means the pointer was lifted. */
export const laserSchema = z.object({
  points: z.array(z.tuple([coord, coord])).max(120),
});
export type Laser = z.output<typeof laserSchema>;

/** Ephemeral traffic is never stored; these caps keep one recorder from flooding a hall. */
export const EPHEMERAL_LIMITS = {
  viewportPerSecond: 10,
  laserPerSecond: 40,
} as const;

import { z } from '../zod';
import { idSchema } from '../ids';
import { LIMITS } from '../limits';
import { colorSchema } from '../palette';
import { PEN_TOOLS } from '../presets';
import { layerSchema, transformSchema } from './placement';
import { pointArraySchema } from './point-arrays';

/** Where a new point may lie: a stroke may start a little off the board's edge. */
export const COORDINATE_BOUNDS = {
  lo: -LIMITS.coordinateMargin,
  hi: LIMITS.boardMaxSide + LIMITS.coordinateMargin,
} as const;

export type { Point } from './point-arrays';

/** A stroke's raw input samples [x, y, pressure] in board units, rounded so msgpack/JSON stay small. */
export const pointsSchema = pointArraySchema({
  min: 1,
  max: LIMITS.pointsPerStroke,
  coordinates: COORDINATE_BOUNDS,
  round: true,
});

export const strokeStyleSchema = z.object({
  tool: z.enum(PEN_TOOLS),
  color: colorSchema,
  /** Diameter in board units. */
  size: z.number().finite().min(0.5).max(400),
  opacity: z.number().finite().min(0.05).max(1),
  /** True for mouse and finger input: perfect-freehand derives pressure from speed. */
  simulatePressure: z.boolean(),
});
export type StrokeStyle = z.output<typeof strokeStyleSchema>;

export const strokeSchema = strokeStyleSchema.extend({
  id: idSchema,
  type: z.literal('stroke'),
  points: pointsSchema,
  /** Set when the stroke was moved, scaled or rotated; the points themselves never change. */
  transform: transformSchema.optional(),
  /** Only to put a stroke on the template layer; otherwise the pen preset decides. */
  layer: layerSchema.optional(),
});
export type Stroke = z.output<typeof strokeSchema>;

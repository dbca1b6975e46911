import { z } from '../zod';
import { idSchema } from '../ids';
import { LIMITS } from '../limits';
import { colorSchema } from '../palette';
import { PEN_TOOLS } from '../presets';
import { REJECT } from '../reject-reasons';
import { layerSchema, transformSchema } from './placement';

const coordinate = z
  .number({ message: REJECT.invalidPoint })
  .finite({ message: REJECT.invalidPoint })
  .min(-LIMITS.coordinateMargin, { message: REJECT.invalidPoint })
  .max(LIMITS.boardMaxSide + LIMITS.coordinateMargin, { message: REJECT.invalidPoint })
  .transform((v) => Math.round(v));

const pressure = z
  .number({ message: REJECT.invalidPoint })
  .min(0, { message: REJECT.invalidPoint })
  .max(1, { message: REJECT.invalidPoint })
  .transform((v) => Math.round(v * 100) / 100);

/** One raw input sample [x, y, pressure] in board units, rounded so msgpack/JSON stay small. */
export const pointSchema = z.tuple([coordinate, coordinate, pressure], { message: REJECT.invalidPoint });
export type Point = z.output<typeof pointSchema>;

export const pointsSchema = z
  .array(pointSchema, { message: REJECT.invalidPoint })
  .min(1, { message: REJECT.invalidPoint })
  .max(LIMITS.pointsPerStroke, { message: REJECT.tooManyPoints });

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

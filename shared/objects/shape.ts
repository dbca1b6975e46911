import { z } from '../zod';
import { idSchema } from '../ids';
import { colorSchema } from '../palette';
import { placedFields } from './placement';

export const SHAPE_KINDS = {
  rect: 'rect',
  roundRect: 'roundRect',
  ellipse: 'ellipse',
  line: 'line',
  arrow: 'arrow',
  curvedArrow: 'curvedArrow',
  bubble: 'bubble',
  banner: 'banner',
} as const;
export type ShapeKind = (typeof SHAPE_KINDS)[keyof typeof SHAPE_KINDS];

/**
 * Rectangles, boxes, ellipses, speech bubbles (吹き出し) and banners fill their w × h box.
 * Lines and arrows run from (0, 0) to (w, h) of their box with `flipX`/`flipY` choosing the
 * diagonal; `bend` curves a curved arrow (-1 … 1 of the length, 0 is straight).
 */
export const shapeSchema = z.object({
  id: idSchema,
  type: z.literal('shape'),
  shape: z.enum(SHAPE_KINDS),
  stroke: colorSchema,
  fill: colorSchema.nullable(),
  strokeWidth: z.number().finite().min(0).max(200),
  flipX: z.boolean(),
  flipY: z.boolean(),
  bend: z.number().finite().min(-1).max(1),
  ...placedFields,
});
export type ShapeRecord = z.output<typeof shapeSchema>;

import { z } from '../zod';
import { REJECT } from '../reject-reasons';
import { imageSchema } from './image';
import { pointArraySchema } from './point-arrays';
import { shapeSchema } from './shape';
import { stampSchema } from './stamp';
import { strokeSchema } from './stroke';
import { textSchema } from './text';

/**
 * The record kinds as they are read back from a store or an archive. Each is its write-time
 * schema with the fields whose bounds are policy (lengths, counts, sizes: `LIMITS` and the
 * numbers beside them) widened, so tightening a limit never makes an old board unreadable.
 * What stays is structure: the kind and its fields, enums, finite numbers, fractions that are
 * fractions by definition (opacity, pressure, bend), url-safe ids, and `#rrggbb` colours, which
 * the exporters write verbatim into SVG attributes. New input is still checked by the
 * write-time schemas alone (shared/ops.ts).
 */
export const storedIdSchema = z
  .string({ message: REJECT.invalidId })
  .regex(/^[A-Za-z0-9_-]+$/, { message: REJECT.invalidId });

const finite = z.number().finite();
const positive = finite.positive();
const fraction = finite.min(0).max(1);
const storedTransform = z.tuple([finite, finite, finite, finite, finite, finite]);

/** `placedFields` (shared/objects/placement.ts) without the board-side cap on the box. */
const storedPlacedFields = { w: positive, h: positive, transform: storedTransform };

/** Any finite coordinates, pressure a fraction, as many as were stored: structure, not policy. */
const storedPointsSchema = pointArraySchema({ min: 1, max: Infinity, round: false });

export const storedStrokeSchema = strokeSchema.extend({
  id: storedIdSchema,
  size: positive,
  opacity: fraction,
  points: storedPointsSchema,
  transform: storedTransform.optional(),
});

/** A stored stroke without its points, for a patch that leaves them as they are. */
export const storedStrokeFieldsSchema = storedStrokeSchema.omit({ points: true });

export const storedTextSchema = textSchema.extend({
  id: storedIdSchema,
  text: z.string().min(1),
  fontSize: positive,
  ...storedPlacedFields,
});

export const storedShapeSchema = shapeSchema.extend({
  id: storedIdSchema,
  strokeWidth: finite.min(0),
  ...storedPlacedFields,
});

export const storedStampSchema = stampSchema.extend({
  id: storedIdSchema,
  // A library name: its shape is structure, its length policy.
  stamp: z.string().regex(/^[a-z][a-z0-9-]*$/),
  ...storedPlacedFields,
});

export const storedImageSchema = imageSchema.extend({ id: storedIdSchema, ...storedPlacedFields });

/** Same keys as OBJECT_SCHEMAS (tests/unit/stored-schema.test.ts keeps the two in step). */
export const STORED_OBJECT_SCHEMAS = {
  stroke: storedStrokeSchema,
  text: storedTextSchema,
  shape: storedShapeSchema,
  stamp: storedStampSchema,
  image: storedImageSchema,
} as const;

export const storedBoardObjectSchema = z.discriminatedUnion(
  'type',
  [storedStrokeSchema, storedTextSchema, storedShapeSchema, storedStampSchema, storedImageSchema],
  { message: REJECT.invalidPayload },
);

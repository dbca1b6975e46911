import { z } from '../zod';
import { REJECT } from '../reject-reasons';
import { imageSchema } from './image';
import { shapeSchema } from './shape';
import { stampSchema } from './stamp';
import { strokeSchema } from './stroke';
import { textSchema } from './text';

/** Each record kind's schema by its `type`, for checking a patched record against its own kind. */
export const OBJECT_SCHEMAS = {
  stroke: strokeSchema,
  text: textSchema,
  shape: shapeSchema,
  stamp: stampSchema,
  image: imageSchema,
} as const;

/** Every record kind a board holds; fabric objects on the client are keyed by these ids. */
export const boardObjectSchema = z.discriminatedUnion(
  'type',
  [strokeSchema, textSchema, shapeSchema, stampSchema, imageSchema],
  {
    message: REJECT.invalidPayload,
  },
);
export type BoardObject = z.output<typeof boardObjectSchema>;
export type BoardObjectType = BoardObject['type'];

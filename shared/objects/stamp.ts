import { z } from '../zod';
import { idSchema } from '../ids';
import { colorSchema } from '../palette';
import { placedFields } from './placement';

/**
 * A stamp from the built-in library (`stamp` is its name there) drawn into its w × h box in
 * one colour. Stamps are line drawings, so one colour recolours the whole icon.
 */
export const stampSchema = z.object({
  id: idSchema,
  type: z.literal('stamp'),
  stamp: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/),
  color: colorSchema,
  ...placedFields,
});
export type StampRecord = z.output<typeof stampSchema>;

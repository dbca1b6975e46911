import { z } from '../zod';
import { idSchema } from '../ids';
import { placedFields } from './placement';

/** The SHA-256 of an uploaded asset's bytes: also its id in the store and its URL. */
export const assetIdSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** An uploaded image (speaker photo, logo) stretched into its w × h box. */
export const imageSchema = z.object({
  id: idSchema,
  type: z.literal('image'),
  assetId: assetIdSchema,
  ...placedFields,
});
export type ImageRecord = z.output<typeof imageSchema>;

import { z } from './zod';
import { assetIdSchema } from './objects/image';

/**
 * One file that carries a whole board to another grareco server: its meta, its full op log
 * (the time-lapse needs it), and the images it shows. Records keep the schema version they
 * were written with, so an older archive is migrated on import.
 */
export const ARCHIVE_FORMAT = 'grareco-archive';
export const ARCHIVE_VERSION = 1;

const MAX_OPS = 1_000_000;
const MAX_ASSETS = 2_000;

export const archiveSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  schemaVersion: z.number().int().min(1),
  exportedAt: z.number().int().nonnegative(),
  meta: z.record(z.string(), z.unknown()),
  ops: z
    .array(
      z.object({
        seq: z.number().int().min(1),
        at: z.number().int().nonnegative(),
        actor: z.string().min(1).max(64),
        op: z.record(z.string(), z.unknown()),
      }),
    )
    .max(MAX_OPS),
  assets: z
    .array(
      z.object({
        id: assetIdSchema,
        mime: z.string().max(40),
        width: z.number().int().positive(),
        height: z.number().int().positive(),
        createdAt: z.number().int().nonnegative(),
        /** The image bytes, base64. */
        data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
      }),
    )
    .max(MAX_ASSETS),
});
export type Archive = z.output<typeof archiveSchema>;

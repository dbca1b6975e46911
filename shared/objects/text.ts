import { z } from '../zod';
import { idSchema } from '../ids';
import { LIMITS } from '../limits';
import { colorSchema } from '../palette';
import { REJECT } from '../reject-reasons';
import { placedFields } from './placement';

/** One-tap text sizes in board units (a 3840-wide board shown on a 1920 screen halves them). */
export const TEXT_SIZES = { title: 120, heading: 72, body: 44 } as const;
export type TextSize = keyof typeof TEXT_SIZES;

/**
 * A block of lettering. `w` is the wrap width: Japanese wraps by character, Latin words
 * stay whole where they fit. `h` is the laid-out height, kept for hit tests and exports.
 */
export const textSchema = z.object({
  id: idSchema,
  type: z.literal('text'),
  text: z
    .string()
    .min(1, { message: REJECT.invalidPayload })
    .max(LIMITS.textLength, { message: REJECT.textTooLong }),
  fontSize: z.number().finite().min(8).max(600),
  color: colorSchema,
  bold: z.boolean(),
  ...placedFields,
});
export type TextRecord = z.output<typeof textSchema>;

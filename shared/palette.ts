import { z } from './zod';
import { REJECT } from './reject-reasons';

export const colorSchema = z
  .string({ message: REJECT.invalidColor })
  .regex(/^#[0-9a-fA-F]{6}$/, { message: REJECT.invalidColor })
  .transform((c) => c.toLowerCase());

/** Graphic-recording default: two inks and three accents that read on a projector. */
export const DEFAULT_PALETTE = ['#1f2328', '#4b5563', '#d9480f', '#1c7ed6', '#2f9e44'] as const;

export const SHADOW_GRAY = '#adb5bd';

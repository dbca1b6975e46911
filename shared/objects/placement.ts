import { z } from '../zod';
import { LIMITS } from '../limits';
import { LAYERS } from '../presets';

/**
 * An affine matrix [a, b, c, d, e, f] (SVG/canvas order) from an object's own coordinates to
 * board units. Select-and-move, scale and rotate patch only this, never the points.
 */
const entry = z.number().finite().min(-1e6).max(1e6);
export const transformSchema = z.tuple([entry, entry, entry, entry, entry, entry]);
export type Transform = [number, number, number, number, number, number];

export const IDENTITY: Transform = [1, 0, 0, 1, 0, 0];

export const layerSchema = z.enum(LAYERS);

/** Size of a placed object's own box, in board units before its transform. */
export const extent = z.number().finite().min(1).max(LIMITS.boardMaxSide);

/** Fields every placed (non-stroke) record has: its box, where it sits, and its layer. */
export const placedFields = {
  w: extent,
  h: extent,
  transform: transformSchema,
  layer: layerSchema.optional(),
};

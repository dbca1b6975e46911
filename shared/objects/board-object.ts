import { z } from 'zod';
import { strokeSchema } from './stroke';

/** Every record kind a board holds; fabric objects on the client are keyed by these ids. */
export const boardObjectSchema = z.discriminatedUnion('type', [strokeSchema]);
export type BoardObject = z.output<typeof boardObjectSchema>;
export type BoardObjectType = BoardObject['type'];

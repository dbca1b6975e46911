import { z } from 'zod';
import { idSchema } from './ids';
import { LIMITS } from './limits';
import { boardObjectSchema } from './objects/board-object';
import { REJECT } from './reject-reasons';

/** Adds new records (a finished stroke; also the undo of a remove). */
export const addOpSchema = z.object({
  id: idSchema,
  kind: z.literal('add'),
  objects: z
    .array(boardObjectSchema)
    .min(1, { message: REJECT.invalidPayload })
    .max(LIMITS.objectsPerAddOp, { message: REJECT.tooManyObjects }),
});

/** Removes records (the whole-stroke eraser; also the undo of an add). */
export const removeOpSchema = z.object({
  id: idSchema,
  kind: z.literal('remove'),
  ids: z
    .array(idSchema)
    .min(1, { message: REJECT.invalidPayload })
    .max(LIMITS.idsPerRemoveOp, { message: REJECT.tooManyObjects }),
});

export const opSchema = z.discriminatedUnion('kind', [addOpSchema, removeOpSchema], {
  message: REJECT.invalidPayload,
});
export type Op = z.output<typeof opSchema>;
export type AddOp = z.output<typeof addOpSchema>;
export type RemoveOp = z.output<typeof removeOpSchema>;

/** An op as the log holds it: numbered by the board, stamped, attributed to a client. */
export interface CommittedOp {
  seq: number;
  at: number;
  actor: string;
  op: Op;
}

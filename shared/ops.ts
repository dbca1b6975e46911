import { z } from './zod';
import { idSchema } from './ids';
import { LIMITS } from './limits';
import { boardObjectSchema } from './objects/board-object';
import { carriedPoints } from './op-points';
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

/**
 * Changes some fields of existing records (move, scale, rotate, recolour, edit text). The
 * server checks each patched record against its kind's schema and broadcasts the cleaned values.
 */
export const patchSchema = z.object({
  id: idSchema,
  set: z.record(z.string(), z.unknown()),
});
export const patchOpSchema = z.object({
  id: idSchema,
  kind: z.literal('patch'),
  patches: z
    .array(patchSchema)
    .min(1, { message: REJECT.invalidPayload })
    .max(LIMITS.patchesPerOp, { message: REJECT.tooManyObjects }),
});

/** Removes some records and adds others in one step (the partial eraser cuts a stroke in pieces). */
export const replaceOpSchema = z.object({
  id: idSchema,
  kind: z.literal('replace'),
  ids: z.array(idSchema).max(LIMITS.idsPerRemoveOp, { message: REJECT.tooManyObjects }),
  objects: z.array(boardObjectSchema).max(LIMITS.objectsPerAddOp, { message: REJECT.tooManyObjects }),
});

/** Brings records to the front or sends them to the back of their layer, keeping their order. */
export const REORDER_TO = { front: 'front', back: 'back' } as const;
export type ReorderTo = (typeof REORDER_TO)[keyof typeof REORDER_TO];
export const reorderOpSchema = z.object({
  id: idSchema,
  kind: z.literal('reorder'),
  ids: z
    .array(idSchema)
    .min(1, { message: REJECT.invalidPayload })
    .max(LIMITS.idsPerRemoveOp, { message: REJECT.tooManyObjects }),
  to: z.enum(REORDER_TO),
});

export const opSchema = z
  .discriminatedUnion(
    'kind',
    [addOpSchema, removeOpSchema, patchOpSchema, replaceOpSchema, reorderOpSchema],
    {
      message: REJECT.invalidPayload,
    },
  )
  // Per op, not only per stroke: checking and storing an op stays short whatever it carries.
  .superRefine((op, ctx) => {
    if (carriedPoints(op) > LIMITS.pointsPerOp)
      ctx.addIssue({ code: 'custom', message: REJECT.tooManyPoints });
  });
export type Op = z.output<typeof opSchema>;
export type AddOp = z.output<typeof addOpSchema>;
export type RemoveOp = z.output<typeof removeOpSchema>;
export type PatchOp = z.output<typeof patchOpSchema>;
export type ReplaceOp = z.output<typeof replaceOpSchema>;
export type ReorderOp = z.output<typeof reorderOpSchema>;

/** An op as the log holds it: numbered by the board, stamped, attributed to a client. */
export interface CommittedOp {
  seq: number;
  at: number;
  actor: string;
  op: Op;
}

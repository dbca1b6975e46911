import { z } from 'zod';
import { idSchema } from './ids';
import { LIMITS } from './limits';
import type { BoardObject } from './objects/board-object';
import { REJECT } from './reject-reasons';

/** The default board: 16:9 at 4K, a size every projector and phone can fit. */
export const DEFAULT_BOARD_SIZE = { width: 3840, height: 2160 } as const;

const side = z.number().int().min(LIMITS.boardMinSide).max(LIMITS.boardMaxSide);

export const titleSchema = z
  .string({ message: REJECT.invalidTitle })
  .trim()
  .min(1, { message: REJECT.invalidTitle })
  .max(LIMITS.titleMaxLength, { message: REJECT.invalidTitle });

export const boardMetaSchema = z.object({
  id: idSchema,
  title: titleSchema,
  width: side,
  height: side,
  createdAt: z.number().int().nonnegative(),
  locked: z.boolean(),
});
export type BoardMeta = z.output<typeof boardMetaSchema>;

/** Body of POST /api/boards: everything but the title is optional. */
export const createBoardSchema = z.object({
  title: titleSchema,
  width: side.optional(),
  height: side.optional(),
});
export type CreateBoardInput = z.output<typeof createBoardSchema>;

/** The canonical board document served by GET /api/boards/:id. */
export interface BoardDocument {
  id: string;
  title: string;
  meta: BoardMeta;
  seq: number;
  objects: BoardObject[];
}

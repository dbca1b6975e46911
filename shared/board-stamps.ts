import { z } from './zod';
import { idSchema } from './ids';
import { boardObjectSchema, type BoardObject } from './objects/board-object';
import { extent } from './objects/placement';
import { multiply, translation } from './geometry/matrix';
import { boardBounds, transformOf } from './geometry/record-bounds';
import type { Transform } from './objects/placement';
import { REJECT } from './reject-reasons';
import { fail, type Result } from './result';
import { parseWith } from './validate';

/**
 * A board's own stamps: a selection the recorder saved (a recurring figure, a speaker's
 * caricature, the event's mascot) to place again with one tap. Kept in the board's meta, so
 * they travel with an archive and a duplicate for the next event; never images (their assets
 * belong to one board).
 */
export const BOARD_STAMP_LIMITS = {
  perBoard: 12,
  objectsPerStamp: 60,
  /** Serialised size of one stamp's records: recorders get them with the board's meta. */
  bytesPerStamp: 32 * 1024,
  nameLength: 40,
} as const;

export const stampNameSchema = z
  .string({ message: REJECT.invalidTitle })
  .trim()
  .min(1, { message: REJECT.invalidTitle })
  .max(BOARD_STAMP_LIMITS.nameLength, { message: REJECT.invalidTitle });

const stampObjects = z
  .array(boardObjectSchema)
  .min(1, { message: REJECT.invalidPayload })
  .max(BOARD_STAMP_LIMITS.objectsPerStamp, { message: REJECT.tooManyObjects })
  .refine((objects) => objects.every((o) => o.type !== 'image'), { message: REJECT.unsupportedImage })
  .refine((objects) => new Set(objects.map((o) => o.id)).size === objects.length, {
    message: REJECT.objectExists,
  })
  .refine((objects) => JSON.stringify(objects).length <= BOARD_STAMP_LIMITS.bytesPerStamp, {
    message: REJECT.tooLarge,
  });

/** A saved stamp: its records moved so that their box starts at (0, 0), and that box's size. */
export const boardStampSchema = z.object({
  id: idSchema,
  name: stampNameSchema,
  w: extent,
  h: extent,
  objects: stampObjects,
});
export type BoardStamp = z.output<typeof boardStampSchema>;

/** Body of POST /api/boards/:id/stamps: a name and the selected records as they are on the board. */
export const saveStampSchema = z.object({ name: stampNameSchema, objects: stampObjects });
export type SaveStampInput = z.output<typeof saveStampSchema>;

export const boardStampsSchema = z
  .array(boardStampSchema)
  .max(BOARD_STAMP_LIMITS.perBoard, { message: REJECT.tooManyObjects })
  .default([]);

function round(v: number, digits: number): number {
  const p = 10 ** digits;
  const out = Math.round(v * p) / p;
  return Object.is(out, -0) ? 0 : out;
}

/** The record moved by (dx, dy) on the board: only its transform changes, never its points. */
export function shifted(o: BoardObject, dx: number, dy: number): BoardObject {
  const [a, b, c, d, e, f] = multiply(translation(dx, dy), transformOf(o));
  const transform: Transform = [round(a, 6), round(b, 6), round(c, 6), round(d, 6), round(e, 2), round(f, 2)];
  return { ...o, transform };
}

/**
 * A selection as a stamp: moved so its box starts at (0, 0), and taken off the template layer
 * (a stamp placed during the event is ink, never part of the locked template).
 */
export function stampFromSelection(
  id: string,
  name: string,
  objects: readonly BoardObject[],
): Result<BoardStamp> {
  if (objects.length === 0) return fail(REJECT.invalidPayload);
  const boxes = objects.map(boardBounds);
  const minX = Math.min(...boxes.map((b) => b.minX));
  const minY = Math.min(...boxes.map((b) => b.minY));
  const w = Math.max(1, Math.ceil(Math.max(...boxes.map((b) => b.maxX)) - minX));
  const h = Math.max(1, Math.ceil(Math.max(...boxes.map((b) => b.maxY)) - minY));
  const moved = objects.map((o) => {
    const { layer, ...rest } = shifted(o, -minX, -minY);
    return (layer && layer !== 'template' ? { ...rest, layer } : rest) as BoardObject;
  });
  return parseWith(boardStampSchema, { id, name, w, h, objects: moved });
}

/** Copies of a stamp's records with new ids, centred on a board point, ready for an add op. */
export function placeStamp(stamp: BoardStamp, x: number, y: number, newId: () => string): BoardObject[] {
  const dx = Math.round(x - stamp.w / 2);
  const dy = Math.round(y - stamp.h / 2);
  return stamp.objects.map((o) => ({ ...shifted(o, dx, dy), id: newId() }));
}

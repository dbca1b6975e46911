import { z } from './zod';
import { boardStampsSchema } from './board-stamps';
import { idSchema } from './ids';
import { LIMITS } from './limits';
import type { BoardObject } from './objects/board-object';
import { colorSchema, DEFAULT_PALETTE } from './palette';
import { REJECT } from './reject-reasons';

/** The default board: 16:9 at 4K, a size every projector and phone can fit. */
export const DEFAULT_BOARD_SIZE = { width: 3840, height: 2160 } as const;

const side = z.number().int().min(LIMITS.boardMinSide).max(LIMITS.boardMaxSide);

export const titleSchema = z
  .string({ message: REJECT.invalidTitle })
  .trim()
  .min(1, { message: REJECT.invalidTitle })
  .max(LIMITS.titleMaxLength, { message: REJECT.invalidTitle });

export const agendaItemSchema = z.object({
  /** Start time as written in the programme, "13:15". */
  start: z
    .string()
    .trim()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/),
  title: z.string().trim().min(1).max(120),
});
export type AgendaItem = z.output<typeof agendaItemSchema>;

export const boardMetaSchema = z.object({
  id: idSchema,
  title: titleSchema,
  width: side,
  height: side,
  createdAt: z.number().int().nonnegative(),
  locked: z.boolean(),
  /**
   * False while the audience sees the cover screen: the recorder draws unseen, and viewers
   * get nothing of the board until it is revealed. Boards stored before covers existed are revealed.
   */
  revealed: z.boolean().default(true),
  /** Shown on the cover: e.g. 「まもなく開始します」 and a start time such as "13:15". */
  coverText: z.string().trim().max(200).default(''),
  startsAt: z.string().trim().max(40).default(''),
  /** A text alternative of the whole board (municipal accessibility rules): read to screen readers, PDF subject. */
  altText: z.string().trim().max(LIMITS.altTextLength).default(''),
  /** Consent recorded by the organiser: may the board be published, may names on it be shown. */
  consentPublish: z.boolean().default(false),
  consentNames: z.boolean().default(false),
  /** The board's own palette, set at creation and editable; the recorder's colour buttons. */
  palette: z
    .array(colorSchema)
    .min(1)
    .max(12)
    .default([...DEFAULT_PALETTE]),
  /** The event's date as the organiser wrote it (e.g. 2023-11-16). */
  date: z.string().trim().max(40).default(''),
  /** The programme: headings laid out on the template layer and the time-lapse's markers. */
  agenda: z.array(agendaItemSchema).max(LIMITS.agendaItems).default([]),
  /**
   * The template layer (title, headings, logos) is fixed during the event: recorders cannot
   * add to, move or erase it until the organiser unlocks it. Locked unless said otherwise.
   */
  templateLocked: z.boolean().default(true),
  /** Selections the recorder saved as stamps of this board (shared/board-stamps.ts). */
  stamps: boardStampsSchema,
});
export type BoardMeta = z.output<typeof boardMetaSchema>;

/** Body of POST /api/boards: everything but the title is optional. */
export const createBoardSchema = z.object({
  title: titleSchema,
  width: side.optional(),
  height: side.optional(),
  /** Start behind the cover screen until the recorder reveals the board. */
  cover: z.boolean().optional(),
  coverText: z.string().trim().max(200).optional(),
  startsAt: z.string().trim().max(40).optional(),
  palette: z.array(colorSchema).min(1).max(12).optional(),
  date: z.string().trim().max(40).optional(),
  agenda: z.array(agendaItemSchema).max(LIMITS.agendaItems).optional(),
});
export type CreateBoardInput = z.output<typeof createBoardSchema>;

/** The canonical board document served by GET /api/boards/:id. */
export interface BoardDocument {
  id: string;
  title: string;
  meta: BoardMeta;
  seq: number;
  objects: BoardObject[];
  /** True when a viewer asked while the board is behind its cover: objects are withheld. */
  hidden?: boolean;
}

/** Body of PATCH /api/boards/:id: the organiser's editable fields. */
export const boardSettingsSchema = z
  .object({
    title: titleSchema,
    altText: z.string().trim().max(LIMITS.altTextLength, { message: REJECT.textTooLong }),
    coverText: z.string().trim().max(200),
    startsAt: z.string().trim().max(40),
    consentPublish: z.boolean(),
    consentNames: z.boolean(),
    palette: z.array(colorSchema).min(1).max(12),
    date: z.string().trim().max(40),
    templateLocked: z.boolean(),
  })
  .partial();
export type BoardSettings = z.output<typeof boardSettingsSchema>;

export const duplicateBoardSchema = z.object({ title: titleSchema.optional() });

export const revealBoardSchema = z.object({ revealed: z.boolean() });

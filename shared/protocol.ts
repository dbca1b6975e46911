import { z } from './zod';
import type { BoardMeta } from './board';
import type { Laser, Viewport } from './ephemeral';
import { idSchema } from './ids';
import { LIMITS } from './limits';
import { pointArraySchema } from './objects/point-arrays';
import { COORDINATE_BOUNDS, strokeStyleSchema } from './objects/stroke';
import type { CommittedOp } from './ops';
import type { RejectReason } from './reject-reasons';
import { REJECT } from './reject-reasons';

/** Bumped on any incompatible change to the events below; the handshake refuses a mismatch. */
export const PROTOCOL_VERSION = 1;

export const ROLES = { organiser: 'organiser', recorder: 'recorder', viewer: 'viewer' } as const;
export type Role = (typeof ROLES)[keyof typeof ROLES];

export function canWrite(role: Role): boolean {
  return role === ROLES.recorder || role === ROLES.organiser;
}

/** Socket.IO handshake `auth`: which board, which key, who is this tab. */
export const socketAuthSchema = z.object({
  boardId: idSchema,
  key: z.string().min(1).max(200),
  clientId: idSchema,
  protocol: z.literal(PROTOCOL_VERSION, { message: REJECT.protocolMismatch }),
});
export type SocketAuth = z.input<typeof socketAuthSchema>;

/** Points of a stroke still being drawn; never stored, sent about 30 times a second. */
export const liveStrokeSchema = strokeStyleSchema.extend({
  strokeId: idSchema,
  /** Index of the first point of this batch within the stroke. */
  from: z.number().int().min(0).max(LIMITS.pointsPerStroke),
  points: pointArraySchema({
    min: 0,
    max: LIMITS.pointsPerLiveBatch,
    coordinates: COORDINATE_BOUNDS,
    round: true,
  }),
  /** Set on the last batch when the stroke is cancelled rather than committed. */
  cancel: z.boolean().optional(),
});
export type LiveStroke = z.infer<typeof liveStrokeSchema>;
export interface LiveStrokeBroadcast extends LiveStroke {
  actor: string;
}

export const syncRequestSchema = z.object({ since: z.number().int().min(0) });

export type OpAck = { ok: true; seq: number } | { ok: false; reason: RejectReason; detail?: string };
export type SyncReply =
  { ok: true; seq: number; ops: CommittedOp[] } | { ok: false; reason: RejectReason; seq?: number };

export interface Presence {
  viewers: number;
  recorders: number;
}

/** Server's greeting after the handshake: who you are and where the board stands. */
export interface Welcome {
  role: Role;
  seq: number;
  meta: BoardMeta;
  /** The recorder's last viewport, so a viewer in follow mode starts in the right place. */
  viewport: Viewport | null;
}

export interface ClientToServerEvents {
  op: (op: unknown, ack: (reply: OpAck) => void) => void;
  sync: (request: unknown, ack: (reply: SyncReply) => void) => void;
  live: (batch: unknown) => void;
  viewport: (v: unknown) => void;
  laser: (l: unknown) => void;
}

/** Why the server is about to close a socket; the client acts on it instead of guessing. */
export const NOTICES = {
  /** The server restarts: reconnect and catch up. */
  serverRestart: 'server_restart',
  /** The link this socket used was rotated: it no longer works. */
  keyRotated: 'key_rotated',
  /** The organiser deleted the board. */
  boardDeleted: 'board_deleted',
} as const;
export type Notice = (typeof NOTICES)[keyof typeof NOTICES];

export const rotateKeySchema = z.object({ which: z.enum(['edit', 'view']) });
export const lockBoardSchema = z.object({ locked: z.boolean() });

export interface ServerToClientEvents {
  notice: (n: { reason: Notice }) => void;
  welcome: (w: Welcome) => void;
  op: (committed: CommittedOp) => void;
  live: (batch: LiveStrokeBroadcast) => void;
  presence: (p: Presence) => void;
  viewport: (v: Viewport & { actor: string }) => void;
  laser: (l: Laser & { actor: string }) => void;
  meta: (m: BoardMeta) => void;
  rejected: (r: { event: string; reason: RejectReason; detail?: string }) => void;
}

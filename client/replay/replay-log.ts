import type { BoardMeta } from '../../shared/board';
import type { CommittedOp } from '../../shared/ops';
import { ADMIN_TOKEN_KEY } from '../admin/admin-token';
import { requestJson } from '../api/board-api';

/** What GET /api/boards/:id/log answers the organiser: the meta and the whole stamped log. */
export interface ReplayLog {
  meta: BoardMeta;
  ops: CommittedOp[];
}

/** Why the replay cannot open: no admin token at hand, a wrong one, no such board, no network. */
export const REPLAY_ERRORS = {
  noToken: 'no_token',
  badToken: 'bad_token',
  unknownBoard: 'unknown_board',
  network: 'network',
  server: 'server',
} as const;
export type ReplayError = (typeof REPLAY_ERRORS)[keyof typeof REPLAY_ERRORS];

export type LogResult = { ok: true; value: ReplayLog } | { ok: false; reason: ReplayError };

/** The organiser page keeps the admin token in localStorage; `?key=` on the link wins over it. */
export function replayToken(fromUrl: string | null): string | null {
  if (fromUrl) return fromUrl;
  try {
    return localStorage.getItem(ADMIN_TOKEN_KEY);
  } catch {
    return null;
  }
}

function isCommittedOp(value: unknown): value is CommittedOp {
  const c = value as Partial<CommittedOp> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.seq === 'number' &&
    typeof c.at === 'number' &&
    typeof c.op === 'object' &&
    c.op !== null &&
    typeof c.op.kind === 'string'
  );
}

function isMeta(value: unknown): value is BoardMeta {
  const m = value as Partial<BoardMeta> | null;
  return typeof m === 'object' && m !== null && typeof m.width === 'number' && typeof m.height === 'number';
}

/** Loads the log with the admin token; ops come back sorted by seq. */
export async function fetchReplayLog(boardId: string, token: string): Promise<LogResult> {
  const res = await requestJson<{ meta?: unknown; ops?: unknown }>(
    `/api/boards/${encodeURIComponent(boardId)}/log`,
    { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' },
  );
  if (!res.ok) {
    if (res.status === 0) return { ok: false, reason: REPLAY_ERRORS.network };
    if (res.status === 401 || res.status === 403) return { ok: false, reason: REPLAY_ERRORS.badToken };
    if (res.status === 404) return { ok: false, reason: REPLAY_ERRORS.unknownBoard };
    return { ok: false, reason: REPLAY_ERRORS.server };
  }
  const { meta, ops } = res.value;
  if (!isMeta(meta) || !Array.isArray(ops) || !ops.every(isCommittedOp))
    return { ok: false, reason: REPLAY_ERRORS.server };
  // A server clock set back mid-event must not reorder the replay: times never go backwards.
  let latest = -Infinity;
  const sorted = [...ops]
    .sort((a, b) => a.seq - b.seq)
    .map((c) => {
      latest = Math.max(latest, c.at);
      return c.at === latest ? c : { ...c, at: latest };
    });
  return {
    ok: true,
    value: {
      meta: { ...meta, agenda: Array.isArray(meta.agenda) ? meta.agenda : [], date: meta.date ?? '' },
      ops: sorted,
    },
  };
}

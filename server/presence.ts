import type { Presence } from '../shared/protocol';

/** Who is connected to which board, counted by role; read by the socket layer and the HTTP API. */
export class PresenceTracker {
  readonly #boards = new Map<string, Presence>();

  join(boardId: string, role: 'viewers' | 'recorders'): Presence {
    const p = this.#boards.get(boardId) ?? { viewers: 0, recorders: 0 };
    p[role] += 1;
    this.#boards.set(boardId, p);
    return { ...p };
  }

  leave(boardId: string, role: 'viewers' | 'recorders'): Presence {
    const p = this.#boards.get(boardId) ?? { viewers: 0, recorders: 0 };
    p[role] = Math.max(0, p[role] - 1);
    if (p.viewers === 0 && p.recorders === 0) this.#boards.delete(boardId);
    else this.#boards.set(boardId, p);
    return { ...p };
  }

  of(boardId: string): Presence {
    const p = this.#boards.get(boardId);
    return p ? { ...p } : { viewers: 0, recorders: 0 };
  }
}

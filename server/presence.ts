import type { Presence } from '../shared/protocol';

/**
 * How long another node's counts stand without news. Nodes repeat theirs every few seconds,
 * so the counts of a node that died (kill -9 sends no goodbye) fade out after this.
 */
export const REMOTE_PRESENCE_TTL_MS = 15_000;

interface RemoteCounts {
  counts: Map<string, Presence>;
  at: number;
}

/**
 * Who is connected to which board, counted by role; read by the socket layer and the HTTP API.
 * In a cluster, each node counts its own sockets and learns the other nodes' counts from them;
 * `of` answers the sum.
 */
export class PresenceTracker {
  readonly #boards = new Map<string, Presence>();
  readonly #remote = new Map<string, RemoteCounts>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

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

  /** This node's and every live remote node's connections to the board. */
  of(boardId: string): Presence {
    const p = this.#boards.get(boardId);
    const sum = p ? { ...p } : { viewers: 0, recorders: 0 };
    const now = this.#now();
    for (const r of this.#remote.values()) {
      if (now - r.at > REMOTE_PRESENCE_TTL_MS) continue;
      const c = r.counts.get(boardId);
      if (!c) continue;
      sum.viewers += c.viewers;
      sum.recorders += c.recorders;
    }
    return sum;
  }

  /** This node's own counts, for the other nodes. */
  local(): Record<string, Presence> {
    return Object.fromEntries([...this.#boards].map(([id, p]) => [id, { ...p }]));
  }

  /** Replaces what another node said it holds; returns the boards whose counts that touched. */
  setRemote(nodeId: string, counts: Record<string, Presence>): string[] {
    const before = this.#remote.get(nodeId);
    const next = new Map<string, Presence>();
    for (const [boardId, p] of Object.entries(counts)) {
      if (!isCount(p.viewers) || !isCount(p.recorders)) continue;
      next.set(boardId, { viewers: p.viewers, recorders: p.recorders });
    }
    this.#remote.set(nodeId, { counts: next, at: this.#now() });
    const touched = new Set<string>();
    for (const [id, p] of next) {
      const old = before?.counts.get(id);
      if (!old || old.viewers !== p.viewers || old.recorders !== p.recorders) touched.add(id);
    }
    for (const id of before?.counts.keys() ?? []) if (!next.has(id)) touched.add(id);
    return [...touched];
  }

  /** Forgets nodes gone quiet; returns the boards whose counts changed by it. */
  expire(): string[] {
    const now = this.#now();
    const touched: string[] = [];
    for (const [node, r] of this.#remote) {
      if (now - r.at <= REMOTE_PRESENCE_TTL_MS) continue;
      this.#remote.delete(node);
      touched.push(...r.counts.keys());
    }
    return touched;
  }
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 1e9;
}

import type { BoardSession } from './sync/board-session.svelte';

/** Read-only numbers for browser tests; nothing here can change the board. */
export interface TestHook {
  readonly seq: number;
  readonly objectCount: number;
  readonly saveState: string;
  readonly pendingCount: number;
  /** Device writes in flight (unsent ops, the recorder's board copy); 0 when all is stored. */
  readonly storing: number;
  readonly connection: string;
  readonly role: string | null;
  readonly clientId: string;
  /** fabric's viewportTransform [zoom, 0, 0, zoom, panX, panY], or null before the canvas exists. */
  readonly viewport: readonly number[] | null;
}

declare global {
  interface Window {
    __grareco?: TestHook;
  }
}

export function exposeTestHook(session: BoardSession): () => void {
  const hook: TestHook = Object.freeze({
    get seq() {
      return session.board.seq;
    },
    get objectCount() {
      return session.board.objectCount;
    },
    get saveState() {
      return session.connection.saveState;
    },
    get pendingCount() {
      return session.connection.pendingCount;
    },
    get storing() {
      return session.storing;
    },
    get connection() {
      return session.connection.state;
    },
    get role() {
      return session.board.role;
    },
    get clientId() {
      return session.clientId;
    },
    get viewport() {
      return session.viewport();
    },
  });
  window.__grareco = hook;
  return () => {
    if (window.__grareco === hook) delete window.__grareco;
  };
}

import { CANVAS_BUDGET_BYTES, canvasBytes } from './board/render/canvas-budget';
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
  /** Pixel memory of the page's board canvases, and the budget it is held under. */
  readonly canvasBytes: number;
  readonly canvasBudget: number;
}

declare global {
  interface Window {
    __grareco?: TestHook;
  }
}

type ViewportGetter = () => readonly number[] | null;

/** The board view that owns each session's fabric canvas registers its viewport here. */
const viewports = new WeakMap<BoardSession, ViewportGetter>();

/**
 * Called by the board view once its canvas exists, so the session carries nothing that only
 * tests read; returns the call that forgets the canvas again.
 */
export function exposeTestViewport(session: BoardSession, viewport: ViewportGetter): () => void {
  viewports.set(session, viewport);
  return () => {
    if (viewports.get(session) === viewport) viewports.delete(session);
  };
}

/**
 * Installs window.__grareco. Only the test build calls this (behind __GRARECO_TEST_HOOK__),
 * so the production bundle has no hook at all.
 */
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
      return viewports.get(session)?.() ?? null;
    },
    get canvasBytes() {
      return canvasBytes();
    },
    canvasBudget: CANVAS_BUDGET_BYTES,
  });
  window.__grareco = hook;
  return () => {
    if (window.__grareco === hook) delete window.__grareco;
  };
}

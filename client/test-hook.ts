import { unwrap } from 'idb';
import { CANVAS_BUDGET_BYTES, canvasBytes } from './board/render/canvas-budget';
import { outlinesRankedOffThread } from './board/render/outline-ranks';
import { offlineDb, type OfflineDb } from './offline/offline-db';
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
  /** Objects (records plus the sheet and grid) the board's last finished render drew. */
  readonly paintedObjects?: number;
  /** Stroke outlines ranked for the zoomed-out view by the worker (outline-ranks.ts). */
  readonly outlinesRankedOffThread: number;
  /**
   * Fault injection for the device store: closes the page's IndexedDB connection under the
   * queue, as WebKit does to a suspended app. 'silent' gives no sign (transactions then
   * throw); 'event' also fires the connection's `close` event, as a browser-side close does.
   * Board pages only (the replay page keeps no device store).
   */
  dropOfflineDb?(how: 'silent' | 'event'): Promise<void>;
  /** Whether the store's current connection is another one than the one last dropped. */
  offlineDbReopened?(): Promise<boolean>;
}

declare global {
  interface Window {
    __grareco?: TestHook;
  }
}

interface CanvasReadings {
  viewport(): readonly number[] | null;
  paintedObjects(): number;
}

/** The connection dropOfflineDb closed last. */
let dropped: OfflineDb | null = null;

/** The board view that owns each session's fabric canvas registers its viewport here. */
const canvases = new WeakMap<BoardSession, CanvasReadings>();

/**
 * Called by the board view once its canvas exists, so the session carries nothing that only
 * tests read; returns the call that forgets the canvas again.
 */
export function exposeTestViewport(session: BoardSession, readings: CanvasReadings): () => void {
  canvases.set(session, readings);
  return () => {
    if (canvases.get(session) === readings) canvases.delete(session);
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
      return canvases.get(session)?.viewport() ?? null;
    },
    get paintedObjects() {
      return canvases.get(session)?.paintedObjects() ?? 0;
    },
    get canvasBytes() {
      return canvasBytes();
    },
    canvasBudget: CANVAS_BUDGET_BYTES,
    get outlinesRankedOffThread() {
      return outlinesRankedOffThread();
    },
    async dropOfflineDb(how: 'silent' | 'event') {
      const db = await offlineDb();
      if (!db) throw new Error('no IndexedDB connection to drop');
      dropped = db;
      const raw = unwrap(db);
      raw.close();
      if (how === 'event') raw.dispatchEvent(new Event('close'));
    },
    async offlineDbReopened() {
      const db = await offlineDb();
      return db !== null && db !== dropped;
    },
  });
  window.__grareco = hook;
  return () => {
    if (window.__grareco === hook) delete window.__grareco;
  };
}

import { CANVAS_BUDGET_BYTES, canvasBytes } from '../board/render/canvas-budget';
import { outlinesRankedOffThread } from '../board/render/outline-ranks';
import type { TestHook } from '../test-hook';
import type { ReplayPlayer } from './player.svelte';

/** Read-only replay numbers for browser tests. */
export interface ReplayTestHook {
  readonly position: number;
  readonly duration: number;
  readonly playing: boolean;
  /** Ops drawn so far, of `total`; seq of the last one drawn. */
  readonly applied: number;
  readonly total: number;
  readonly seq: number;
}

declare global {
  interface Window {
    __grarecoReplay?: ReplayTestHook;
  }
}

/**
 * Exposes the replay's numbers, and the board hook the shared page helpers read (its
 * viewport), so pixels are compared through the same helpers as on the live pages.
 */
export function exposeReplayHook(player: ReplayPlayer, viewport: () => readonly number[] | null): () => void {
  const replay: ReplayTestHook = Object.freeze({
    get position() {
      return player.position;
    },
    get duration() {
      return player.duration;
    },
    get playing() {
      return player.playing;
    },
    get applied() {
      return player.applied;
    },
    get total() {
      return player.log.ops.length;
    },
    get seq() {
      return player.seq;
    },
  });
  const board: TestHook = Object.freeze({
    get seq() {
      return player.seq;
    },
    get objectCount() {
      return player.objectCount;
    },
    saveState: 'saved',
    pendingCount: 0,
    storing: 0,
    connection: 'replay',
    role: 'organiser',
    clientId: '',
    get viewport() {
      return viewport();
    },
    get canvasBytes() {
      return canvasBytes();
    },
    canvasBudget: CANVAS_BUDGET_BYTES,
    get outlinesRankedOffThread() {
      return outlinesRankedOffThread();
    },
  });
  window.__grarecoReplay = replay;
  window.__grareco = board;
  return () => {
    if (window.__grarecoReplay === replay) delete window.__grarecoReplay;
    if (window.__grareco === board) delete window.__grareco;
  };
}

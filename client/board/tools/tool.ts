import type { Op } from '../../../shared/ops';
import type { Point, StrokeStyle } from '../../../shared/objects/stroke';
import type { LiveStroke } from '../../../shared/protocol';
import type { PenStyle } from '../pen-style';

/** What a tool may do: read the board, draw previews, hand ops out. Never the socket. */
export interface ToolHost {
  /** Board units of a pointer event (relative to the board element, through the viewport). */
  boardPoint(e: PointerEvent): [number, number];
  /** Current zoom (screen pixels per board unit), for sizes that should feel constant on screen. */
  zoom(): number;
  penStyle(): PenStyle;
  emitOp(op: Op): void;
  emitLive(batch: LiveStroke): void;
  /** How long live points may wait to go out together now (shared/live-window.ts). */
  liveWindowMs(): number;
  /** Draws or redraws this client's in-progress stroke; empty points remove it. */
  preview(id: string, style: StrokeStyle, points: readonly Point[]): void;
  /** Ids of committed strokes touched by a circle of radius r (board units) at (x, y). */
  hitTest(x: number, y: number, r: number): string[];
  /** Dims strokes the eraser has picked up, before the gesture commits. */
  setFaded(ids: readonly string[], faded: boolean): void;
  panBy(dx: number, dy: number): void;
}

export interface Tool {
  readonly cursor: string;
  down(e: PointerEvent): void;
  /**
   * Every sample since the last call (coalesced events included), oldest first, all of the
   * pointer that went down: the router has matched the parent event, so a sample's own
   * pointerId is not checked again (iPadOS 18.2 reportedly gives coalesced samples another).
   */
  move(samples: readonly PointerEvent[]): void;
  up(e: PointerEvent): void;
  /** Abandons the gesture (pinch started, pointer cancelled, tool switched). */
  cancel(): void;
}

/** Coalesced events carry the pen's full rate (often 240 Hz) that one pointermove hides. */
export function samplesOf(e: PointerEvent): PointerEvent[] {
  const coalesced = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
  return coalesced.length > 0 ? coalesced : [e];
}

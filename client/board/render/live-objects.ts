import type { FabricObject } from 'fabric';

/**
 * Objects that change from frame to frame: strokes being drawn (this tab's and other
 * recorders'), a shape being dragged out, records moved by a select gesture. The canvas draws
 * them afresh every frame; everything else comes from its cached bitmaps (cached-canvas.ts).
 *
 * A flag on the object, not a WeakSet: the canvas asks for every object of the board on every
 * frame, and 5,000 WeakSet lookups cost about a millisecond where a property read costs
 * microseconds.
 */
interface Flagged {
  grarecoLive?: boolean;
}

export function markLive(object: FabricObject, on = true): void {
  (object as FabricObject & Flagged).grarecoLive = on;
}

export function isLive(object: FabricObject): boolean {
  return (object as FabricObject & Flagged).grarecoLive === true;
}

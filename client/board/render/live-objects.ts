import type { FabricObject, StaticCanvas } from 'fabric';

/**
 * Objects that change from frame to frame: strokes being drawn (this tab's and other
 * recorders'), a shape being dragged out, records moved by a select gesture. The canvas draws
 * them afresh every frame; everything else comes from its cached bitmaps (cached-canvas.ts).
 *
 * A set of the few live objects, looked up in the canvas's list (`indexOf` is native and
 * quick), rather than a flag asked of each of 5,000 objects every frame.
 */
const live = new Set<FabricObject>();

export function markLive(object: FabricObject, on = true): void {
  if (on) live.add(object);
  else live.delete(object);
}

/**
 * Where this canvas's live objects sit in its object list, ascending. A live object on no
 * canvas was removed without being unmarked (a finished stroke's preview): it is forgotten
 * here, so the set never holds on to it. Objects of other canvases (the replay's video export
 * draws on a second one) are left alone.
 */
export function livePositions(canvas: StaticCanvas, objects: readonly FabricObject[]): number[] {
  const at: number[] = [];
  for (const o of live) {
    if (!o.canvas) {
      live.delete(o);
      continue;
    }
    if (o.canvas !== canvas) continue;
    const i = objects.indexOf(o);
    if (i >= 0) at.push(i);
  }
  return at.sort((a, b) => a - b);
}

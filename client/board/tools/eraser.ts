import { removeOps } from '../../state/op-chunks';
import type { Tool, ToolHost } from './tool';

/** Eraser reach in screen pixels, so it feels the same at every zoom. */
export const ERASER_RADIUS_PX = 8;

/** Whole-stroke eraser: everything the drag touches goes in one remove op when it ends. */
export function createEraserTool(host: ToolHost): Tool {
  let pointerId: number | null = null;
  let picked = new Set<string>();

  function touch(e: PointerEvent): void {
    const [x, y] = host.boardPoint(e);
    const fresh = host.hitTest(x, y, ERASER_RADIUS_PX / host.zoom()).filter((id) => !picked.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) picked.add(id);
    host.setFaded(fresh, true);
  }

  function reset(): string[] {
    const ids = [...picked];
    pointerId = null;
    picked = new Set();
    return ids;
  }

  return {
    cursor: 'cell',
    down(e) {
      if (pointerId !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
      pointerId = e.pointerId;
      touch(e);
    },
    move(samples) {
      if (pointerId !== null) for (const e of samples) touch(e);
    },
    up(e) {
      if (e.pointerId !== pointerId) return;
      touch(e);
      const ids = reset();
      if (ids.length === 0) return;
      // One op per gesture; only a sweep over more than the per-op limit is split.
      for (const op of removeOps(ids)) host.emitOp(op);
      // Strokes the op did not remove (a page that may not write) must not stay dimmed.
      host.setFaded(ids, false);
    },
    cancel() {
      host.setFaded(reset(), false);
    },
  };
}

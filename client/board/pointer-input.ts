import { TwoFingerTap } from './pen-mode';
import type { Tool } from './tools/tool';
import { samplesOf } from './tools/tool';

/** What the pointer router needs from the board: the current tool and pan/zoom moves. */
export interface PointerTarget {
  tool(): Tool;
  navigable(): boolean;
  /** Zoom by factor around (x, y) and then pan, all in element pixels; a pinch step. */
  pinch(x: number, y: number, factor: number, dx: number, dy: number): void;
  wheel(x: number, y: number, e: WheelEvent): void;
  /** Pen mode (palm rejection): touch only pans and zooms, never reaches the tool. */
  penMode?(): boolean;
  /** A pen touched the board. */
  sawPen?(): void;
  /** Two fingers tapped the board (undo). */
  twoFingerTap?(): void;
}

interface Spot {
  x: number;
  y: number;
}

/**
 * Routes pointer events on the board element: one pointer goes to the tool; a second finger
 * turns the gesture into a pinch (the tool's stroke is cancelled); touches are ignored while a
 * pen is down, so a palm resting on an iPad does not draw. In pen mode a finger never reaches
 * the tool: one finger pans, two pinch. A quick two-finger tap asks for undo.
 */
export function attachPointerInput(el: HTMLElement, target: PointerTarget): () => void {
  const touches = new Map<number, Spot>();
  let pinching = false;
  let toolPointer: number | null = null;
  let penDown = false;
  /** In pen mode, the finger that pans the view (one-finger drag). */
  let panning: { id: number; x: number; y: number } | null = null;
  const tap = new TwoFingerTap();

  function local(e: PointerEvent | WheelEvent): Spot {
    const r = el.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  function centre(): { mid: Spot; dist: number } | null {
    const [a, b] = [...touches.values()];
    if (!a || !b) return null;
    return { mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, dist: Math.hypot(a.x - b.x, a.y - b.y) };
  }

  function onDown(e: PointerEvent): void {
    if (e.pointerType === 'pen') target.sawPen?.();
    if (e.pointerType === 'touch') {
      if (penDown) return;
      touches.set(e.pointerId, local(e));
      tap.down(e.pointerId, e.clientX, e.clientY, e.timeStamp);
      if (target.penMode?.()) {
        e.preventDefault();
        panning = null;
        if (touches.size === 2 && target.navigable()) pinching = true;
        else if (touches.size === 1 && target.navigable()) panning = { id: e.pointerId, ...local(e) };
        return;
      }
      if (touches.size === 2 && target.navigable()) {
        if (toolPointer !== null) target.tool().cancel();
        toolPointer = null;
        pinching = true;
      }
      if (touches.size > 1) return;
    }
    if (toolPointer !== null) return;
    if (e.pointerType === 'pen') penDown = true;
    toolPointer = e.pointerId;
    try {
      el.setPointerCapture(e.pointerId);
    } catch {
      // Synthetic or already released pointers cannot be captured; drawing still works.
    }
    e.preventDefault();
    target.tool().down(e);
  }

  function onMove(e: PointerEvent): void {
    if (touches.has(e.pointerId)) tap.move(e.pointerId, e.clientX, e.clientY);
    if (panning && e.pointerId === panning.id) {
      const p = local(e);
      touches.set(e.pointerId, p);
      target.pinch(p.x, p.y, 1, p.x - panning.x, p.y - panning.y);
      panning = { id: e.pointerId, ...p };
      return;
    }
    if (pinching && touches.has(e.pointerId)) {
      const before = centre();
      touches.set(e.pointerId, local(e));
      const after = centre();
      if (before && after && before.dist > 0) {
        target.pinch(
          before.mid.x,
          before.mid.y,
          after.dist / before.dist,
          after.mid.x - before.mid.x,
          after.mid.y - before.mid.y,
        );
      }
      return;
    }
    if (touches.has(e.pointerId)) touches.set(e.pointerId, local(e));
    if (e.pointerId === toolPointer) target.tool().move(samplesOf(e));
  }

  function onUp(e: PointerEvent): void {
    const wasTouch = touches.delete(e.pointerId);
    if (wasTouch) {
      if (e.type === 'pointercancel') tap.cancel(e.pointerId);
      else if (tap.up(e.pointerId, e.timeStamp)) target.twoFingerTap?.();
    }
    if (panning?.id === e.pointerId) panning = null;
    if (pinching) {
      if (touches.size === 0) pinching = false;
      return;
    }
    if (e.pointerId !== toolPointer) return;
    toolPointer = null;
    if (e.pointerType === 'pen') penDown = false;
    if (e.type === 'pointercancel') target.tool().cancel();
    else target.tool().up(e);
  }

  function onWheel(e: WheelEvent): void {
    if (!target.navigable()) return;
    e.preventDefault();
    const p = local(e);
    target.wheel(p.x, p.y, e);
  }

  el.addEventListener('pointerdown', onDown);
  el.addEventListener('pointermove', onMove);
  el.addEventListener('pointerup', onUp);
  el.addEventListener('pointercancel', onUp);
  el.addEventListener('wheel', onWheel, { passive: false });
  return () => {
    el.removeEventListener('pointerdown', onDown);
    el.removeEventListener('pointermove', onMove);
    el.removeEventListener('pointerup', onUp);
    el.removeEventListener('pointercancel', onUp);
    el.removeEventListener('wheel', onWheel);
  };
}

import { TwoFingerTap } from './pen-mode';
import { staleBy, type HeldPointer } from './pointer-hold';
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
 *
 * A pointerup may never come (WebKitGTK loses them), so the held pointer does not wait for it
 * alone: lost capture, or a pointerdown showing it lifted (see staleBy), ends the gesture as a
 * lift where it was last seen, keeping what was drawn.
 */
export function attachPointerInput(el: HTMLElement, target: PointerTarget): () => void {
  const touches = new Map<number, Spot>();
  let pinching = false;
  /** The pointer the tool listens to. */
  let held: HeldPointer | null = null;
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

  /** Ends the held gesture as if its pointer had lifted at its last event: the stroke is kept. */
  function letGo(): void {
    const h = held;
    if (!h) return;
    held = null;
    try {
      // Should the browser still think it is down, its events stop coming here.
      if (el.hasPointerCapture(h.id)) el.releasePointerCapture(h.id);
    } catch {
      // Nothing to release.
    }
    target.tool().up(h.last);
  }

  /** A finger that lifted unheard: forgotten, so it neither counts for a pinch nor taps. */
  function forgetTouch(id: number): void {
    if (!touches.delete(id)) return;
    tap.cancel(id);
    if (panning?.id === id) panning = null;
    if (touches.size === 0) pinching = false;
  }

  function onDown(e: PointerEvent): void {
    if (e.pointerType === 'pen') target.sawPen?.();
    if (held && staleBy(held, e)) letGo();
    if (e.pointerType === 'touch') {
      // The same finger again, or a primary touch (no other finger is down): lost lifts.
      if (e.isPrimary) for (const id of [...touches.keys()]) forgetTouch(id);
      else forgetTouch(e.pointerId);
      if (held?.type === 'pen') return;
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
        if (held !== null) target.tool().cancel();
        held = null;
        pinching = true;
      }
      if (touches.size > 1) return;
    }
    if (held !== null) return;
    held = { id: e.pointerId, type: e.pointerType, last: e };
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
    if (held === null || e.pointerId !== held.id) return;
    held.last = e;
    // The parent event's pointerId decides: its coalesced samples are the tool's, whatever
    // id they carry (iPadOS 18.2 reportedly gives them another).
    target.tool().move(samplesOf(e));
  }

  function onUp(e: PointerEvent): void {
    const wasTouch = touches.delete(e.pointerId);
    if (wasTouch) {
      if (e.type === 'pointercancel') tap.cancel(e.pointerId);
      else if (tap.up(e.pointerId, e.timeStamp)) target.twoFingerTap?.();
    }
    if (panning?.id === e.pointerId) panning = null;
    if (pinching && touches.size === 0) pinching = false;
    if (held === null || e.pointerId !== held.id) return;
    held = null;
    if (e.type === 'pointercancel') target.tool().cancel();
    else target.tool().up(e);
  }

  /** Capture lost mid-gesture (not the release after a pointerup): the gesture ends, kept. */
  function onLostCapture(e: PointerEvent): void {
    if (e.target === el && held !== null && e.pointerId === held.id) letGo();
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
  el.addEventListener('lostpointercapture', onLostCapture);
  el.addEventListener('wheel', onWheel, { passive: false });
  return () => {
    el.removeEventListener('pointerdown', onDown);
    el.removeEventListener('pointermove', onMove);
    el.removeEventListener('pointerup', onUp);
    el.removeEventListener('pointercancel', onUp);
    el.removeEventListener('lostpointercapture', onLostCapture);
    el.removeEventListener('wheel', onWheel);
  };
}

/**
 * Safari's pinch: WebKit sends its own GestureEvents (gesturestart / gesturechange /
 * gestureend) for a two-finger pinch on a touch screen and for a trackpad pinch on a Mac or
 * an iPad keyboard. iOS ignores `maximum-scale` in the viewport meta, so only cancelling these
 * events keeps the page itself from zooming.
 */

/** What WebKit's GestureEvent carries beyond Event (the DOM typings do not know it). */
interface GestureLike extends Event {
  /** Distance between the fingers relative to gesturestart (1 at the start). */
  readonly scale?: number;
  readonly clientX?: number;
  readonly clientY?: number;
}

const GESTURES = ['gesturestart', 'gesturechange', 'gestureend'] as const;

function cancel(e: Event): void {
  e.preventDefault();
}

/** Ctrl+wheel is how Chromium and Firefox report a trackpad pinch (and a mouse zoom). */
function cancelCtrlWheel(e: WheelEvent): void {
  if (e.ctrlKey) e.preventDefault();
}

/**
 * Keeps the page from zooming anywhere in the app: no Safari gesture and no Ctrl+wheel reaches
 * the browser's page zoom (the board zooms itself; see attachGestureZoom). Keyboard zoom
 * (Ctrl/Cmd and +) stays, for people who need larger text. Double-tap zoom is off through
 * `touch-action: manipulation` on the root (styles.css). Returns the call that undoes it.
 */
export function preventPageZoom(doc: Document): () => void {
  const opts = { passive: false, capture: true } as const;
  for (const type of GESTURES) doc.addEventListener(type, cancel, opts);
  doc.addEventListener('wheel', cancelCtrlWheel, opts);
  return () => {
    for (const type of GESTURES) doc.removeEventListener(type, cancel, true);
    doc.removeEventListener('wheel', cancelCtrlWheel, true);
  };
}

/** What the gesture zoom needs from the board: the same pinch step the finger pinch uses. */
export interface GestureZoomTarget {
  navigable(): boolean;
  /** Zoom by factor around (x, y) and then pan, all in element pixels. */
  pinch(x: number, y: number, factor: number, dx: number, dy: number): void;
}

/**
 * A Safari gesture over the board zooms the board around its centre point. A touch-screen
 * pinch also sends pointer events, which the pointer router already turns into a pinch
 * (pointer-input.ts); so the gesture counts only while no finger is down on the board, which
 * leaves exactly the trackpad pinch (no pointer at all) to it, and never zooms twice.
 */
export function attachGestureZoom(el: HTMLElement, target: GestureZoomTarget): () => void {
  const fingers = new Set<number>();
  /** The gesture's scale at the last step; null outside a gesture. */
  let last: number | null = null;

  function onPointerDown(e: PointerEvent): void {
    if (e.pointerType !== 'touch') return;
    // A primary touch means no other finger is down: any left over lifted unheard.
    if (e.isPrimary) fingers.clear();
    fingers.add(e.pointerId);
  }

  function onPointerEnd(e: PointerEvent): void {
    fingers.delete(e.pointerId);
  }

  function onGesture(event: Event): void {
    const e = event as GestureLike;
    e.preventDefault();
    if (e.type === 'gestureend') {
      last = null;
      return;
    }
    const scale = typeof e.scale === 'number' && Number.isFinite(e.scale) && e.scale > 0 ? e.scale : 1;
    if (e.type === 'gesturestart' || last === null) {
      last = scale;
      return;
    }
    const factor = scale / last;
    last = scale;
    if (fingers.size > 0 || !target.navigable() || factor === 1) return;
    const r = el.getBoundingClientRect();
    const x = typeof e.clientX === 'number' ? e.clientX - r.left : r.width / 2;
    const y = typeof e.clientY === 'number' ? e.clientY - r.top : r.height / 2;
    target.pinch(x, y, factor, 0, 0);
  }

  const opts = { passive: false } as const;
  el.addEventListener('pointerdown', onPointerDown, true);
  el.addEventListener('pointerup', onPointerEnd, true);
  el.addEventListener('pointercancel', onPointerEnd, true);
  for (const type of GESTURES) el.addEventListener(type, onGesture, opts);
  return () => {
    el.removeEventListener('pointerdown', onPointerDown, true);
    el.removeEventListener('pointerup', onPointerEnd, true);
    el.removeEventListener('pointercancel', onPointerEnd, true);
    for (const type of GESTURES) el.removeEventListener(type, onGesture);
  };
}

import type { TMat2D } from 'fabric';
import type { BoardCanvas } from './board-canvas';
import { blendTransform, easeOut, rectTransform, type ViewRect } from './view-rect';
import type { Size } from './viewport';

/** How a watching screen chooses its view. */
export const VIEW_MODES = {
  /** Shows what the recorder shows, moving with it. */
  follow: 'follow',
  /** Shows the whole board. */
  fit: 'fit',
  /** The viewer pans and zooms by themselves. */
  free: 'free',
} as const;
export type ViewMode = (typeof VIEW_MODES)[keyof typeof VIEW_MODES];

export function isViewMode(v: unknown): v is ViewMode {
  return typeof v === 'string' && Object.values<string>(VIEW_MODES).includes(v);
}

/** Long enough to read as a move, short enough to keep up with a recorder at 10 updates/s. */
export const FOLLOW_ANIMATION_MS = 200;

export interface ViewFollower {
  readonly mode: ViewMode;
  setMode(mode: ViewMode): void;
  /** The recorder's latest view (null: not known yet, show the whole board). */
  setTarget(rect: ViewRect | null): void;
  /** The board's view changed; a change not made here is the user's pan or zoom: free mode. */
  viewportChanged(fitted: boolean): void;
  destroy(): void;
}

/**
 * Drives a watching screen's view: follow animates toward the recorder's rectangle (fitted to
 * this screen, keeping aspect), fit shows the whole board, free leaves the view to the user.
 */
export function createViewFollower(opts: {
  canvas: BoardCanvas;
  el: HTMLElement;
  mode: ViewMode;
  onMode?: (mode: ViewMode) => void;
}): ViewFollower {
  const { canvas, el } = opts;
  let mode = opts.mode;
  let target: ViewRect | null = null;
  let ours = false;
  let frame = 0;

  function size(): Size {
    return { width: Math.max(1, el.clientWidth), height: Math.max(1, el.clientHeight) };
  }

  /** Moves the view without it counting as the user's. */
  function apply(move: () => void): void {
    ours = true;
    try {
      move();
    } finally {
      ours = false;
    }
  }

  function stop(): void {
    cancelAnimationFrame(frame);
    frame = 0;
  }

  function animateTo(to: TMat2D): void {
    stop();
    const from = canvas.viewport();
    const start = performance.now();
    const step = (now: number): void => {
      const t = (now - start) / FOLLOW_ANIMATION_MS;
      apply(() => canvas.setViewport(blendTransform(from, to, easeOut(t), size())));
      frame = t < 1 ? requestAnimationFrame(step) : 0;
    };
    frame = requestAnimationFrame(step);
  }

  function show(animate: boolean): void {
    if (mode === VIEW_MODES.free) return stop();
    if (mode === VIEW_MODES.fit || !target) {
      stop();
      apply(() => canvas.fit());
      return;
    }
    const to = rectTransform(target, size());
    if (animate) animateTo(to);
    else {
      stop();
      apply(() => canvas.setViewport(to));
    }
  }

  function setMode(next: ViewMode): void {
    const changed = next !== mode;
    mode = next;
    show(true);
    if (changed) opts.onMode?.(mode);
  }

  // A fitted board refits itself on resize; a followed rectangle is fitted again here.
  const resize = new ResizeObserver(() => {
    if (mode === VIEW_MODES.follow && target) show(false);
  });
  resize.observe(el);
  show(false);

  return {
    get mode() {
      return mode;
    },
    setMode,
    setTarget(rect) {
      target = rect;
      if (mode === VIEW_MODES.follow) show(true);
    },
    viewportChanged(fitted) {
      if (ours || fitted || mode === VIEW_MODES.free) return;
      stop();
      mode = VIEW_MODES.free;
      opts.onMode?.(mode);
    },
    destroy() {
      stop();
      resize.disconnect();
    },
  };
}

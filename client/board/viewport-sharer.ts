import type { TMat2D } from 'fabric';
import { EPHEMERAL_LIMITS } from '../../shared/ephemeral';
import { createThrottle } from '../sync/throttle';
import { sameRect, visibleRect, wireRect, type ViewRect } from './view-rect';

export interface ViewportSharer {
  /** The view moved (pan, zoom, fit): tell the viewers, at most 10 times a second. */
  changed(): void;
  destroy(): void;
}

/**
 * The recorder's visible part of the board, sent for viewers in follow mode. Throttled under
 * the server's cap; the last position of a gesture always goes out. A resize counts as a move.
 */
export function shareViewport(opts: {
  el: HTMLElement;
  viewport: () => TMat2D | null;
  send: (rect: ViewRect) => void;
}): ViewportSharer {
  const throttle = createThrottle<ViewRect>(1000 / EPHEMERAL_LIMITS.viewportPerSecond, opts.send);
  let last: ViewRect | null = null;

  function changed(): void {
    const vt = opts.viewport();
    if (!vt) return;
    const size = { width: opts.el.clientWidth, height: opts.el.clientHeight };
    if (size.width <= 0 || size.height <= 0) return;
    const rect = wireRect(visibleRect(vt, size));
    if (last && sameRect(last, rect)) return;
    last = rect;
    throttle.push(rect);
  }

  const resize = new ResizeObserver(changed);
  resize.observe(opts.el);
  return {
    changed,
    destroy() {
      resize.disconnect();
      throttle.cancel();
    },
  };
}

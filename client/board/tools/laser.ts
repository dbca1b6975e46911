import type { Tool, ToolHost } from './tool';

/** Where laser samples go: this screen's own trail and the batches for the viewers. */
export interface LaserSink {
  point(x: number, y: number): void;
  /** The pointer left or was lifted: the trail ends here. */
  lift(): void;
}

/** A red dot with a soft ring, so the recorder sees where the pointer is. */
const CURSOR =
  "url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='20' height='20'%3E%3Ccircle cx='10' cy='10' r='8' fill='none' stroke='%23ff2020' stroke-opacity='.5' stroke-width='2'/%3E%3Ccircle cx='10' cy='10' r='4' fill='%23ff2020'/%3E%3C/svg%3E\") 10 10, crosshair";

/**
 * The laser pointer: while the pointer is down its path is shown to everyone as a short
 * fading trail. Nothing is stored and no op is made.
 */
export function createLaserTool(host: ToolHost, sink: LaserSink): Tool {
  let pointer: number | null = null;

  function add(e: PointerEvent): void {
    const [x, y] = host.boardPoint(e);
    sink.point(x, y);
  }

  return {
    cursor: CURSOR,
    down(e) {
      if (pointer !== null) return;
      pointer = e.pointerId;
      add(e);
    },
    move(samples) {
      if (pointer !== null) for (const e of samples) add(e);
    },
    up(e) {
      if (e.pointerId !== pointer) return;
      pointer = null;
      sink.lift();
    },
    cancel() {
      if (pointer === null) return;
      pointer = null;
      sink.lift();
    },
  };
}

/** A laser that points nowhere: boards that cannot draw. */
export const NO_LASER: LaserSink = { point() {}, lift() {} };

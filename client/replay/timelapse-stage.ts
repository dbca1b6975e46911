import { createBoardCanvas, type BoardCanvas } from '../board/board-canvas';
import type { Size } from '../board/viewport';
import { trackCanvas, untrackCanvas } from '../board/render/canvas-budget';
import type { CommittedOp } from '../../shared/ops';
import { ReplayCursor } from './replay-cursor';
import type { Timeline } from './timeline';
import { VIDEO_SIZE } from './video-plan';

/** Above this many ops in one step, one full redraw is cheaper than drawing each change. */
const BULK_OPS = 64;

export interface StageOptions {
  board: Size;
  ops: readonly CommittedOp[];
  timeline: Timeline;
  assetUrl: (assetId: string) => string | null;
}

/**
 * The time-lapse's own copy of the board: a hidden board canvas sized so its pixels are
 * 1920×1080 on this screen (fabric scales by devicePixelRatio), a replay cursor stepping
 * through the log, and the 1920×1080 frame the encoders read, white around the fitted board.
 */
export class TimelapseStage {
  /** What the encoders read: always exactly VIDEO_SIZE. */
  readonly frame: HTMLCanvasElement;
  readonly #host: HTMLElement;
  readonly #board: BoardCanvas;
  readonly #source: HTMLCanvasElement;
  readonly #ctx: CanvasRenderingContext2D | null;
  readonly #cursor: ReplayCursor;
  readonly #timeline: Timeline;
  #destroyed = false;

  constructor(opts: StageOptions) {
    const host = document.createElement('div');
    const dpr = window.devicePixelRatio || 1;
    Object.assign(host.style, {
      position: 'fixed',
      left: '-100000px',
      top: '0',
      width: `${VIDEO_SIZE.width / dpr}px`,
      height: `${VIDEO_SIZE.height / dpr}px`,
      pointerEvents: 'none',
    });
    host.setAttribute('aria-hidden', 'true');
    document.body.append(host);
    this.#host = host;
    this.#board = createBoardCanvas({
      el: host,
      board: opts.board,
      interactive: false,
      navigable: false,
      surround: '#ffffff',
      assetUrl: opts.assetUrl,
    });
    const source = host.querySelector('canvas');
    if (!source) throw new Error('board canvas missing');
    this.#source = source;
    this.frame = document.createElement('canvas');
    this.frame.width = VIDEO_SIZE.width;
    this.frame.height = VIDEO_SIZE.height;
    trackCanvas(this.frame);
    this.#ctx = this.frame.getContext('2d', { alpha: false });
    this.#timeline = opts.timeline;
    this.#cursor = new ReplayCursor(opts.ops);
    this.#cursor.seek(opts.timeline.start);
    this.#board.setObjects(this.#cursor.objects());
  }

  /**
   * Moves the board to a play time; true when something changed. Drawing happens on the next
   * animation frame, or at once with `draw(true)`.
   */
  advance(play: number): boolean {
    const changes = this.#cursor.advanceTo(this.#timeline.toLog(play));
    if (changes.length > BULK_OPS) this.#board.setObjects(this.#cursor.objects());
    else for (const c of changes) this.#board.applyChanges(c);
    return changes.length > 0;
  }

  /**
   * Copies the board into the frame; `renderFirst` draws the board now rather than relying
   * on its own animation frame (the offline encoder runs far ahead of the screen).
   */
  draw(renderFirst: boolean): void {
    if (this.#destroyed || !this.#ctx) return;
    if (renderFirst) this.#board.renderNow();
    this.#ctx.fillStyle = '#ffffff';
    this.#ctx.fillRect(0, 0, this.frame.width, this.frame.height);
    this.#ctx.drawImage(this.#source, 0, 0, this.frame.width, this.frame.height);
  }

  /** Frees both canvases (a 1080p canvas is 8 MB, more with the board's caches). */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#board.destroy();
    this.#host.remove();
    this.frame.width = 0;
    this.frame.height = 0;
    untrackCanvas(this.frame);
  }
}

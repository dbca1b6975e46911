import type { BoardCanvas } from '../board/board-canvas';
import { replayMarkers, type Marker } from './markers';
import type { ReplayLog } from './replay-log';
import { ReplayCursor } from './replay-cursor';
import { FIT, playbackRate, type SpeedChoice } from './speeds';
import { createTimeline, type Timeline } from './timeline';

/** Above this many ops in one frame, one full redraw is cheaper than drawing each change. */
const BULK_OPS = 64;

/**
 * Plays a board's log onto a board canvas: a play clock (ms of play time) advanced each
 * animation frame at the chosen speed, the board state kept by a ReplayCursor.
 */
export class ReplayPlayer {
  playing = $state(false);
  /** Play time in ms, 0 … timeline.duration. */
  position = $state(0);
  choice = $state<SpeedChoice>(FIT);
  shortenPauses = $state(true);
  timeline = $state.raw<Timeline>(createTimeline([], true));
  /** The op count and seq drawn so far (the test hook reads them). */
  applied = $state(0);
  seq = $state(0);
  objectCount = $state(0);

  readonly log: ReplayLog;
  readonly markers: readonly Marker[];
  readonly #times: readonly number[];
  readonly #cursor: ReplayCursor;
  #canvas: BoardCanvas | null = null;
  #frame = 0;
  #last = 0;
  #seekFrame = 0;
  #seekPending = false;

  constructor(log: ReplayLog) {
    this.log = log;
    this.#times = log.ops.map((c) => c.at);
    this.#cursor = new ReplayCursor(log.ops);
    this.markers = replayMarkers(log.meta, this.#times);
    this.timeline = createTimeline(this.#times, true);
    this.#cursor.seek(this.timeline.start);
    this.#noteCursor();
  }

  get duration(): number {
    return this.timeline.duration;
  }

  /** Log ms per real ms at the chosen speed. */
  get rate(): number {
    return playbackRate(this.choice, this.timeline.duration);
  }

  /** The log time (ms since the epoch) shown now. */
  get logTime(): number {
    return this.timeline.toLog(this.position);
  }

  get atEnd(): boolean {
    return this.position >= this.timeline.duration;
  }

  /** Draws onto this canvas from now on (and shows the current state at once). */
  attach(canvas: BoardCanvas): void {
    this.#canvas = canvas;
    canvas.setObjects(this.#cursor.objects());
  }

  play(): void {
    if (this.playing) return;
    if (this.atEnd) this.seek(0);
    this.playing = true;
    this.#last = performance.now();
    this.#frame = requestAnimationFrame((now) => this.#tick(now));
  }

  pause(): void {
    this.playing = false;
    cancelAnimationFrame(this.#frame);
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /**
   * Jumps to a play time: the state is rebuilt without drawing, then drawn once, on the next
   * animation frame (a dragged seek bar asks many times a frame; only the last one counts).
   */
  seek(play: number): void {
    this.position = Math.min(this.timeline.duration, Math.max(0, play));
    this.#seekPending = true;
    if (!this.#seekFrame) {
      this.#seekFrame = requestAnimationFrame(() => {
        this.#seekFrame = 0;
        this.#applySeek();
      });
    }
  }

  /** Shortened or real pauses; the same moment of the log stays on screen. */
  setShortenPauses(on: boolean): void {
    const at = this.logTime;
    this.shortenPauses = on;
    this.timeline = createTimeline(this.#times, on);
    this.position = this.timeline.toPlay(at);
  }

  destroy(): void {
    this.pause();
    cancelAnimationFrame(this.#seekFrame);
    this.#canvas = null;
  }

  #applySeek(): void {
    if (!this.#seekPending) return;
    this.#seekPending = false;
    this.#cursor.seek(this.timeline.toLog(this.position));
    this.#noteCursor();
    this.#canvas?.setObjects(this.#cursor.objects());
  }

  #tick(now: number): void {
    if (!this.playing) return;
    this.#applySeek();
    const dt = Math.max(0, now - this.#last);
    this.#last = now;
    this.position = Math.min(this.timeline.duration, this.position + dt * this.rate);
    const changes = this.#cursor.advanceTo(this.timeline.toLog(this.position));
    if (changes.length > BULK_OPS) this.#canvas?.setObjects(this.#cursor.objects());
    else for (const c of changes) this.#canvas?.applyChanges(c);
    if (changes.length > 0) this.#noteCursor();
    if (this.atEnd) {
      this.playing = false;
      return;
    }
    this.#frame = requestAnimationFrame((t) => this.#tick(t));
  }

  #noteCursor(): void {
    this.applied = this.#cursor.applied;
    this.seq = this.#cursor.seq;
    this.objectCount = this.#cursor.objectCount;
  }
}

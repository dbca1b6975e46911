import { createBoardCanvas } from '../board/board-canvas';
import type { Size } from '../board/viewport';
import type { CommittedOp } from '../../shared/ops';
import { ReplayCursor } from './replay-cursor';
import type { Timeline } from './timeline';

/** 1080p: what Zoom, YouTube and a projector all take. */
export const VIDEO_SIZE = { width: 1920, height: 1080 } as const;
const FPS = 30;
const BITS_PER_SECOND = 8_000_000;
/** The finished board stays on screen this long at the end of the video. */
const HOLD_END_MS = 1_500;
const STOP_WAIT_MS = 10_000;
/** Frames copied after each change (fabric renders one frame late). */
const REDRAW_FRAMES = 3;
/** An unchanged board is still copied this often. */
const KEEPALIVE_MS = 500;
/** The recorder hands over data this often, so the end can wait until some has come. */
const TIMESLICE_MS = 500;
const WEBM_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'] as const;

/** The first WebM flavour this browser records, or null when it records none. */
export function webmType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  return WEBM_TYPES.find((type) => MediaRecorder.isTypeSupported(type)) ?? null;
}

export interface VideoExportOptions {
  board: Size;
  ops: readonly CommittedOp[];
  timeline: Timeline;
  /** Log ms per real ms. */
  rate: number;
  assetUrl: (assetId: string) => string | null;
  /** 0 … 1, each frame. */
  onProgress: (fraction: number) => void;
}

export interface VideoExport {
  /** The WebM file, or null when cancelled. */
  readonly done: Promise<Blob | null>;
  cancel(): void;
}

/**
 * A hidden board canvas sized so its pixels are exactly 1920×1080 on this screen (fabric
 * scales by devicePixelRatio); the export replays into it, white around the fitted board.
 */
function hiddenBoard(opts: VideoExportOptions) {
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
  const canvas = createBoardCanvas({
    el: host,
    board: opts.board,
    interactive: false,
    navigable: false,
    surround: '#ffffff',
    assetUrl: opts.assetUrl,
  });
  const source = host.querySelector('canvas');
  if (!source) throw new Error('board canvas missing');
  return {
    canvas,
    source,
    destroy() {
      canvas.destroy();
      host.remove();
    },
  };
}

/**
 * Records the replay as WebM in real time: each animation frame advances the log at `rate`,
 * draws the board into a 1920×1080 canvas, and MediaRecorder encodes its stream. The video
 * lasts the replay's length at that speed, plus a short hold on the finished board.
 */
export function startVideoExport(opts: VideoExportOptions): VideoExport {
  const mimeType = webmType();
  if (!mimeType) return { done: Promise.reject(new Error('webm_unsupported')), cancel: () => {} };

  const board = hiddenBoard(opts);
  const frame = document.createElement('canvas');
  frame.width = VIDEO_SIZE.width;
  frame.height = VIDEO_SIZE.height;
  const ctx = frame.getContext('2d');
  const stream = frame.captureStream(FPS);
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: BITS_PER_SECOND });
  const chunks: Blob[] = [];
  let bytes = 0;
  recorder.ondataavailable = (e) => {
    if (e.data.size === 0) return;
    chunks.push(e.data);
    bytes += e.data.size;
  };
  const cursor = new ReplayCursor(opts.ops);
  const { timeline, rate } = opts;
  cursor.seek(timeline.start);
  board.canvas.setObjects(cursor.objects());

  let cancelled = false;
  let raf = 0;
  let started = 0;
  let endedAt = 0;
  let lastDraw = 0;
  let redraws = 0;

  function draw(now: number): void {
    lastDraw = now;
    if (!ctx) return;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, frame.width, frame.height);
    ctx.drawImage(board.source, 0, 0, frame.width, frame.height);
  }

  function tick(now: number): void {
    if (cancelled) return;
    started ||= now;
    const play = Math.min(timeline.duration, (now - started) * rate);
    const changes = cursor.advanceTo(timeline.toLog(play));
    for (const c of changes) board.canvas.applyChanges(c);
    // fabric draws changes on its own next frame: copy a few frames after each change, and
    // otherwise now and then (images and fonts land late). An unchanged board sends no frames,
    // so the encoder catches up instead of coding the same picture again.
    if (changes.length > 0) redraws = REDRAW_FRAMES;
    if (redraws > 0 || now - lastDraw >= KEEPALIVE_MS) {
      draw(now);
      redraws = Math.max(0, redraws - 1);
    }
    opts.onProgress(timeline.duration > 0 ? play / timeline.duration : 1);
    if (play >= timeline.duration) {
      endedAt ||= now;
      const held = now - endedAt;
      // Stop once the end has been held and the encoder has delivered something (a busy
      // machine can take a while); stop() drops frames the encoder has not finished.
      if ((held >= HOLD_END_MS && bytes > 0) || held >= HOLD_END_MS + STOP_WAIT_MS) {
        draw(now);
        recorder.stop();
        // The last data and `stop` follow at once; never wait for ever on a stuck encoder.
        setTimeout(finish, STOP_WAIT_MS);
        return;
      }
    }
    raf = requestAnimationFrame(tick);
  }

  let cleaned = false;
  function cleanup(): void {
    if (cleaned) return;
    cleaned = true;
    cancelAnimationFrame(raf);
    for (const track of stream.getTracks()) track.stop();
    board.destroy();
  }

  let settle: (result: Blob | null | Error) => void = () => {};
  const done = new Promise<Blob | null>((resolve, reject) => {
    let settled = false;
    settle = (result) => {
      if (settled) return;
      settled = true;
      cleanup();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
  });
  function finish(): void {
    if (cancelled) settle(null);
    else if (chunks.length === 0) settle(new Error('recorder_empty'));
    else settle(new Blob(chunks, { type: 'video/webm' }));
  }
  recorder.onstop = finish;
  recorder.onerror = () => settle(new Error('recorder_failed'));

  draw(performance.now());
  recorder.start(TIMESLICE_MS);
  raf = requestAnimationFrame(tick);

  return {
    done,
    cancel() {
      if (cancelled) return;
      cancelled = true;
      settle(null);
      if (recorder.state !== 'inactive') recorder.stop();
    },
  };
}

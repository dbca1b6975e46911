import type { VideoExport, VideoExportOptions } from './video-export';
import type { VideoFormat } from './video-format';
import { HOLD_END_MS, VIDEO_FPS } from './video-plan';
import { TimelapseStage } from './timelapse-stage';

const BITS_PER_SECOND = 8_000_000;
const STOP_WAIT_MS = 10_000;
/** An unchanged board is still copied this often. */
const KEEPALIVE_MS = 500;
/** The recorder hands over data this often, so the end can wait until some has come. */
const TIMESLICE_MS = 500;

/**
 * The last resort, for browsers without WebCodecs encoding: records the replay as WebM in
 * real time with MediaRecorder on the frame's stream. Each animation frame advances the log at
 * `rate`; the video lasts the replay's length at that speed plus the hold, and takes as long
 * to make. Chromium's files carry no duration.
 */
export function startRecorderExport(
  opts: VideoExportOptions,
  format: Extract<VideoFormat, { encoder: 'recorder' }>,
): VideoExport {
  const stage = new TimelapseStage(opts);
  const stream = stage.frame.captureStream(VIDEO_FPS);
  const recorder = new MediaRecorder(stream, {
    mimeType: format.mimeType,
    videoBitsPerSecond: BITS_PER_SECOND,
  });
  const chunks: Blob[] = [];
  let bytes = 0;
  recorder.ondataavailable = (e) => {
    if (e.data.size === 0) return;
    chunks.push(e.data);
    bytes += e.data.size;
  };
  const { timeline, rate } = opts;

  let cancelled = false;
  let raf = 0;
  let started = 0;
  let endedAt = 0;
  let lastDraw = 0;

  function draw(now: number): void {
    lastDraw = now;
    stage.draw(true);
  }

  function tick(now: number): void {
    if (cancelled) return;
    started ||= now;
    const play = Math.min(timeline.duration, (now - started) * rate);
    // An unchanged board sends no frames, so the encoder catches up instead of coding the
    // same picture again; now and then it is copied anyway (images and fonts land late).
    if (stage.advance(play) || now - lastDraw >= KEEPALIVE_MS) draw(now);
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
    stage.destroy();
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
    format,
    plan: null,
    done,
    cancel() {
      if (cancelled) return;
      cancelled = true;
      settle(null);
      if (recorder.state !== 'inactive') recorder.stop();
    },
  };
}

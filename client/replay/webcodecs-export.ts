import {
  BufferTarget,
  CanvasSource,
  canEncodeVideo,
  Mp4OutputFormat,
  Output,
  Quality,
  WebMOutputFormat,
} from 'mediabunny';
import type { VideoCodecName, WebCodecsFormat } from './video-format';
import { formatMimeType } from './video-format';
import type { VideoExport, VideoExportOptions } from './video-export';
import {
  framePlayTime,
  MAX_BITS_PER_SECOND,
  VIDEO_FPS,
  VIDEO_SIZE,
  videoBitrate,
  videoPlan,
} from './video-plan';
import { TimelapseStage } from './timelapse-stage';

/** A ceiling, not a target: a board is mostly still white, so most frames cost far less. */
const QUALITY = new Quality({ bitrate: MAX_BITS_PER_SECOND, bitrateMode: 'variable' });
/** An unchanged board is still drawn this often (images and fonts land a little late). */
const KEEPALIVE_FRAMES = 15;
/** Hand the page back this often, so progress paints and 「中止」 can be clicked. */
const YIELD_MS = 50;

/** Can WebCodecs encode this codec at 1080p30 here (mediabunny asks isConfigSupported)? */
export function encodes1080p(codec: VideoCodecName): Promise<boolean> {
  return canEncodeVideo(codec, { ...VIDEO_SIZE, quality: QUALITY, frameRate: VIDEO_FPS });
}

/**
 * A task boundary that hidden tabs do not throttle (setTimeout waits a second there), so the
 * export runs at full speed in the background too.
 */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Renders the time-lapse offline and encodes it with WebCodecs, muxed by mediabunny: each
 * frame steps the replay by a fixed amount of play time and draws the board at once, so the
 * video is made as fast as the machine can draw and encode, not in real time. `add()` waits
 * while the encoder's queue is full, so at most a few frames are held in memory; the file is
 * built in memory, at most MAX_FILE_BYTES (the bitrate ceiling is lowered for long videos).
 */
export function startWebCodecsExport(opts: VideoExportOptions, format: WebCodecsFormat): VideoExport {
  const plan = videoPlan(opts.timeline.duration, opts.rate);
  const stage = new TimelapseStage(opts);
  const target = new BufferTarget();
  const output = new Output({
    format:
      format.container === 'mp4' ? new Mp4OutputFormat({ fastStart: 'in-memory' }) : new WebMOutputFormat(),
    target,
  });
  const quality = new Quality({ bitrate: videoBitrate(plan), bitrateMode: 'variable' });
  const source = new CanvasSource(stage.frame, { codec: format.codec, quality });
  output.addVideoTrack(source, { frameRate: plan.fps });

  let cancelled = false;
  let cleaned: Promise<void> | null = null;
  function cleanup(): Promise<void> {
    cleaned ??= (async () => {
      stage.destroy();
      if (output.state !== 'finalized' && output.state !== 'canceled') await output.cancel().catch(() => {});
    })();
    return cleaned;
  }

  async function encode(): Promise<Blob | null> {
    await document.fonts.ready;
    await output.start();
    let lastYield = performance.now();
    for (let i = 0; i < plan.frames; i++) {
      if (cancelled) return null;
      const changed = stage.advance(framePlayTime(plan, i));
      if (changed || i % KEEPALIVE_FRAMES === 0) stage.draw(true);
      await source.add(i / plan.fps, 1 / plan.fps);
      opts.onProgress((i + 1) / plan.frames);
      if (performance.now() - lastYield >= YIELD_MS) {
        await yieldToPage();
        lastYield = performance.now();
      }
    }
    if (cancelled) return null;
    source.close();
    await output.finalize();
    if (!target.buffer) throw new Error('encoder_empty');
    return new Blob([target.buffer], { type: formatMimeType(format) });
  }

  let settle: (blob: Blob | null) => void = () => {};
  const cancelledResult = new Promise<Blob | null>((resolve) => (settle = resolve));
  const work = encode()
    .catch((err: unknown) => {
      if (cancelled) return null;
      throw err;
    })
    .finally(() => cleanup());
  return {
    format,
    plan,
    done: Promise.race([work, cancelledResult]),
    cancel() {
      if (cancelled) return;
      cancelled = true;
      settle(null);
      void cleanup();
    },
  };
}

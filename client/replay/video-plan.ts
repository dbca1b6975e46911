/** 1080p: what Zoom, YouTube and a projector all take. */
export const VIDEO_SIZE = { width: 1920, height: 1080 } as const;
export const VIDEO_FPS = 30;
/** The finished board stays on screen this long at the end of the video. */
export const HOLD_END_MS = 1_500;
/** The encoder's ceiling for a short video: a board is mostly still, so most frames cost less. */
export const MAX_BITS_PER_SECOND = 8_000_000;
/**
 * The file is built in the tab's memory (an iPad's included): a long video at ×1 gets a lower
 * bitrate ceiling, so the worst case stays this size whatever its length.
 */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/**
 * The frames a time-lapse video is made of: the replay at `rate` sampled `fps` times a second,
 * then the finished board held. Every frame lasts 1/fps, so the video lasts frames / fps.
 */
export interface VideoPlan {
  readonly fps: number;
  readonly frames: number;
  /** Play ms (replay timeline) between two frames. */
  readonly playStep: number;
  /** Play length of the replay in ms. */
  readonly playDuration: number;
}

export function videoPlan(playDuration: number, rate: number, fps: number = VIDEO_FPS): VideoPlan {
  const frameMs = 1000 / fps;
  // Frame n shows play time n × playStep; the first frame at or past the end starts the hold.
  const moving = Math.ceil(playDuration / rate / frameMs);
  const hold = Math.round(HOLD_END_MS / frameMs);
  return { fps, frames: moving + hold, playStep: frameMs * rate, playDuration };
}

/** The play time frame `index` shows. */
export function framePlayTime(plan: VideoPlan, index: number): number {
  return Math.min(plan.playDuration, index * plan.playStep);
}

/** The video's length in seconds. */
export function videoSeconds(plan: VideoPlan): number {
  return plan.frames / plan.fps;
}

/** The bitrate ceiling for this video: 8 Mbit/s, lowered so the file stays within MAX_FILE_BYTES. */
export function videoBitrate(plan: VideoPlan): number {
  const seconds = Math.max(1, videoSeconds(plan));
  return Math.min(MAX_BITS_PER_SECOND, Math.floor((MAX_FILE_BYTES * 8) / seconds));
}

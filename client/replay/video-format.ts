/**
 * How the time-lapse is encoded, best first: H.264 in MP4 (every player, YouTube, Zoom,
 * Safari), then VP9 or VP8 in WebM, all through WebCodecs and rendered offline; last, where
 * WebCodecs cannot encode at all, MediaRecorder's real-time WebM.
 */
export type VideoFormat =
  | { readonly encoder: 'webcodecs'; readonly container: 'mp4'; readonly codec: 'avc' }
  | { readonly encoder: 'webcodecs'; readonly container: 'webm'; readonly codec: 'vp9' | 'vp8' }
  | { readonly encoder: 'recorder'; readonly container: 'webm'; readonly mimeType: string };

export type WebCodecsFormat = Extract<VideoFormat, { encoder: 'webcodecs' }>;
export type VideoCodecName = WebCodecsFormat['codec'];

export const WEBCODECS_FORMATS: readonly WebCodecsFormat[] = [
  { encoder: 'webcodecs', container: 'mp4', codec: 'avc' },
  { encoder: 'webcodecs', container: 'webm', codec: 'vp9' },
  { encoder: 'webcodecs', container: 'webm', codec: 'vp8' },
];

const RECORDER_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'] as const;

/** What the browser can do, asked of it (or of a test's stand-in). */
export interface VideoProbe {
  /** Can WebCodecs encode this codec at 1080p30 here? */
  encodes(codec: VideoCodecName): Promise<boolean>;
  /** The first WebM type MediaRecorder records, or null. */
  recorderType(): string | null;
}

/** The best format this browser can make, or null when it can make none. */
export async function chooseVideoFormat(probe: VideoProbe): Promise<VideoFormat | null> {
  for (const format of WEBCODECS_FORMATS) {
    if (await probe.encodes(format.codec).catch(() => false)) return format;
  }
  const mimeType = probe.recorderType();
  return mimeType ? { encoder: 'recorder', container: 'webm', mimeType } : null;
}

/** The first WebM flavour MediaRecorder records here, or null. */
export function recorderWebmType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  return RECORDER_TYPES.find((type) => MediaRecorder.isTypeSupported(type)) ?? null;
}

/** What the file and the button call the format. */
export function formatLabel(format: VideoFormat): string {
  return format.container === 'mp4' ? 'MP4' : 'WebM';
}

export function formatExtension(format: VideoFormat): string {
  return format.container;
}

export function formatMimeType(format: VideoFormat): string {
  return format.container === 'mp4' ? 'video/mp4' : 'video/webm';
}

/** The codec as a person would name it. */
export function codecLabel(format: WebCodecsFormat): string {
  return { avc: 'H.264', vp9: 'VP9', vp8: 'VP8' }[format.codec];
}

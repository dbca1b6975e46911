import type { VideoPlan } from './video-plan';
import { chooseVideoFormat, recorderWebmType, type VideoFormat } from './video-format';
import { startRecorderExport } from './recorder-export';
import type { StageOptions } from './timelapse-stage';

export interface VideoExportOptions extends StageOptions {
  /** Log ms per real ms. */
  rate: number;
  /** 0 … 1, each frame. */
  onProgress: (fraction: number) => void;
}

export interface VideoExport {
  readonly format: VideoFormat;
  /** The frames promised (null for the real-time recorder, which cannot promise any). */
  readonly plan: VideoPlan | null;
  /** The file, or null when cancelled. */
  readonly done: Promise<Blob | null>;
  cancel(): void;
}

/** mediabunny is loaded only when a time-lapse is exported, not by every board page. */
function webCodecs() {
  return import('./webcodecs-export');
}

/** The best format this browser can make (MP4 where it encodes H.264), or null. */
export async function probeVideoFormat(): Promise<VideoFormat | null> {
  const hasEncoder = typeof VideoEncoder !== 'undefined';
  return chooseVideoFormat({
    async encodes(codec) {
      if (!hasEncoder) return false;
      const { encodes1080p } = await webCodecs();
      return encodes1080p(codec);
    },
    recorderType: recorderWebmType,
  });
}

export async function startVideoExport(opts: VideoExportOptions, format: VideoFormat): Promise<VideoExport> {
  if (format.encoder === 'recorder') return startRecorderExport(opts, format);
  const { startWebCodecsExport } = await webCodecs();
  return startWebCodecsExport(opts, format);
}

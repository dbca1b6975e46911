import type { Result } from '../../shared/result';
import type { ImageInfo } from './inspect-image';

/** An uploaded image sent to the image-check process. */
export interface ImageCheckTask {
  bytes: Uint8Array;
}

/** Its verdict, or why the check itself failed. */
export type ImageCheckReply =
  { type: 'image'; result: Result<ImageInfo> } | { type: 'failed'; message: string };

export function isImageCheckReply(message: unknown): message is ImageCheckReply {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'image' || type === 'failed';
}

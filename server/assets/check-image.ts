import { REJECT } from '../../shared/reject-reasons';
import { fail, type Result } from '../../shared/result';
import { imageProblem } from '../export/image-check';
import { inspectImage, type ImageInfo } from './inspect-image';

/**
 * An image checked before it is accepted: its kind and size from the header (within the
 * pixel limit), then its data read whole, so a header-only file, a truncated PNG or JPEG or a
 * zlib bomb behind a modest header is refused instead of breaking every export later. Reading
 * a 24-megapixel PNG inflates up to ~96 MB, so this runs in an export process, never on the
 * thread that serves the sockets.
 */
export function checkImageWhole(bytes: Buffer): Result<ImageInfo> {
  const info = inspectImage(bytes);
  if (!info.ok) return info;
  const problem = imageProblem({ mime: info.value.mime, bytes });
  if (problem) return fail(REJECT.unsupportedImage, problem);
  return info;
}

import { imageSize } from 'image-size';
import { LIMITS } from '../../shared/limits';
import { REJECT } from '../../shared/reject-reasons';
import { fail, ok, type Result } from '../../shared/result';

/** The only image kinds a board takes, by what the bytes say, never by name or header. */
const ALLOWED: Readonly<Record<string, string>> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

export interface ImageInfo {
  mime: string;
  width: number;
  height: number;
}

export function inspectImage(bytes: Buffer): Result<ImageInfo> {
  if (bytes.length === 0) return fail(REJECT.unsupportedImage, 'empty');
  if (bytes.length > LIMITS.imageBytes) return fail(REJECT.tooLarge, 'bytes');
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return fail(REJECT.unsupportedImage);
  }
  const mime = size.type ? ALLOWED[size.type] : undefined;
  if (!mime) return fail(REJECT.unsupportedImage, size.type);
  // EXIF orientation 5-8 swaps the sides the browser shows.
  const swap = size.orientation !== undefined && size.orientation >= 5;
  const width = swap ? size.height : size.width;
  const height = swap ? size.width : size.height;
  if (!(width > 0 && height > 0)) return fail(REJECT.unsupportedImage, 'size');
  if (width > LIMITS.imageSide || height > LIMITS.imageSide || width * height > LIMITS.imagePixels) {
    return fail(REJECT.tooLarge, 'pixels');
  }
  return ok({ mime, width, height });
}

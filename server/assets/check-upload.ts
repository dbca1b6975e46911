import { REJECT } from '../../shared/reject-reasons';
import { fail, type Result } from '../../shared/result';
import { ExportFailed, runImageCheck } from '../export/run-export';
import type { ImageInfo } from './inspect-image';

/**
 * An uploaded image (board asset or logo) read whole in a short-lived export process before
 * anything is stored. A file that kills its decoder (abort, out of memory, too slow) is no
 * image a board can show: it is refused like any other unreadable image, never a 500.
 */
export async function checkUpload(bytes: Buffer): Promise<Result<ImageInfo>> {
  try {
    return await runImageCheck(bytes);
  } catch (err) {
    if (!(err instanceof ExportFailed)) throw err;
    return fail(REJECT.unsupportedImage, err.detail);
  }
}

import { REJECT } from '../../shared/reject-reasons';
import { fail, type Result } from '../../shared/result';
import { ChildFailed, childEntry, type ChildLimits } from '../jobs/child-runner';
import { ReusableChild } from '../jobs/reusable-child';
import { isImageCheckReply, type ImageCheckReply } from './image-check-task';
import type { ImageInfo } from './inspect-image';

/**
 * A 24-megapixel PNG inflates to ~96 MB; a check past 30 s is a bomb, not a photo. One child
 * serves 200 checks or 30 s of quiet before a fresh one takes over: a fork per upload cost the
 * serving thread 8–16 ms each (the abuse bench's profile).
 */
const IMAGE_CHECKS = {
  limits: { memoryMb: 512, timeoutMs: 30_000 } satisfies ChildLimits,
  maxTasks: 200,
  idleMs: 30_000,
} as const;

const checker = new ReusableChild<ImageCheckReply>({
  entry: childEntry(import.meta.url, 'image-check-child'),
  isAnswer: isImageCheckReply,
  ...IMAGE_CHECKS,
});

/**
 * An uploaded image (board asset or logo) read whole in the image-check process before
 * anything is stored. A file that kills its decoder (abort, out of memory, too slow) is no
 * image a board can show: it is refused like any other unreadable image, never a 500.
 */
export async function checkUpload(bytes: Buffer): Promise<Result<ImageInfo>> {
  try {
    // One check at a time: a second upload waits for the first, never a second process.
    const reply = await checker.run({ bytes });
    if (reply.type === 'failed') throw new Error(`image check failed: ${reply.message}`);
    return reply.result;
  } catch (err) {
    if (!(err instanceof ChildFailed)) throw err;
    return fail(REJECT.unsupportedImage, err.message);
  }
}

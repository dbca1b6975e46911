import type { Response } from 'express';
import { REJECT } from '../../shared/reject-reasons';
import { checkUpload } from '../assets/check-upload';

/**
 * Reads an uploaded image whole in an export process before anything is stored; answers the
 * refusal (413 over the limits, 415 not an image we can draw) and false when it is not.
 */
export async function imageReadWhole(bytes: Buffer, res: Response): Promise<boolean> {
  const checked = await checkUpload(bytes);
  if (checked.ok) return true;
  const status = checked.reason === REJECT.tooLarge ? 413 : 415;
  res.status(status).json({ error: checked.reason, detail: checked.detail });
  return false;
}

import express, { type Request } from 'express';
import { LIMITS } from '../../shared/limits';
import { REJECT } from '../../shared/reject-reasons';
import { fail, ok, type Result } from '../../shared/result';
import { checkLogo, type LogoUpload } from '../boards/board-logo';
import { checkUpload } from '../assets/check-upload';

/**
 * POST /api/boards takes JSON (the documented contract) or, from the console's form with a
 * logo, multipart/form-data: a `board` field holding the same JSON and an optional `logo`
 * file. Only multipart bodies are read here, up to one image plus the form.
 */
export const multipartBody = express.raw({
  type: 'multipart/form-data',
  limit: LIMITS.imageBytes + 64 * 1024,
});

/** HTTP status for each way a logo or a form can be refused. */
export function refusalStatus(reason: string): number {
  if (reason === REJECT.unsupportedImage) return 415;
  if (reason === REJECT.tooLarge) return 413;
  return 400;
}

/** The create body and the checked logo; a bad form or logo is refused before anything is made. */
export async function readCreateRequest(req: Request): Promise<Result<{ body: unknown; logo?: LogoUpload }>> {
  if (!Buffer.isBuffer(req.body)) return ok({ body: req.body });
  let form: FormData;
  try {
    // The platform's own multipart parser (undici), fed the bytes express.raw collected.
    form = await new Response(new Uint8Array(req.body), {
      headers: { 'content-type': req.get('content-type') ?? '' },
    }).formData();
  } catch {
    return fail(REJECT.invalidPayload, 'form');
  }
  const board = form.get('board');
  if (typeof board !== 'string') return fail(REJECT.invalidPayload, 'board');
  let body: unknown;
  try {
    body = JSON.parse(board);
  } catch {
    return fail(REJECT.invalidPayload, 'board');
  }
  const file = form.get('logo');
  if (file === null) return ok({ body });
  if (typeof file === 'string') return fail(REJECT.unsupportedImage, 'logo');
  const bytes = Buffer.from(await file.arrayBuffer());
  const whole = await checkUpload(bytes);
  if (!whole.ok) return whole;
  const logo = checkLogo(bytes);
  if (!logo.ok) return logo;
  return ok({ body, logo: logo.value });
}

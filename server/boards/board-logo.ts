import { createHash } from 'node:crypto';
import { agendaTemplate } from '../../shared/agenda-layout';
import type { BoardMeta } from '../../shared/board';
import { LOGO_GAP, logoRecord } from '../../shared/logo-layout';
import type { BoardObject } from '../../shared/objects/board-object';
import { ok, type Result } from '../../shared/result';
import { inspectImage } from '../assets/inspect-image';

/** An organiser's logo, checked by its content with the same limits as any uploaded image. */
export interface LogoUpload {
  id: string;
  mime: string;
  width: number;
  height: number;
  bytes: Buffer;
}

export function checkLogo(bytes: Buffer): Result<LogoUpload> {
  const info = inspectImage(bytes);
  if (!info.ok) return info;
  return ok({ id: createHash('sha256').update(bytes).digest('hex'), ...info.value, bytes });
}

/**
 * What a new board starts with on its template layer, as one op: the title and the agenda's
 * boxes when there is an agenda, and the logo in the title line's top-right corner.
 */
export function boardTemplate(meta: BoardMeta, logo?: LogoUpload): BoardObject[] {
  const image = logo ? logoRecord(logo.id, meta, logo, 'tpl') : undefined;
  const reserve = image ? image.w + LOGO_GAP : 0;
  const agenda =
    meta.agenda.length > 0
      ? agendaTemplate(meta.title, meta.agenda, meta.width, meta.height, 'tpl', reserve)
      : [];
  return image ? [...agenda, image] : agenda;
}

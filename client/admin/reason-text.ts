import type { RejectReason } from '../../shared/reject-reasons';
import { errorMessageKey } from '../error-messages';
import { t } from '../i18n';

/** A refusal or a failed request in words the organiser can read. */
export function reasonText(reason: RejectReason | 'network'): string {
  return t(errorMessageKey(reason));
}

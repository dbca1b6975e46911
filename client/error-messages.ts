import type { RejectReason } from '../shared/reject-reasons';
import type { MessageKey } from './i18n';

/** Why a page cannot show its board: a server reason, no network, or no such page. */
export type PageError = RejectReason | 'network' | 'not_found';

export function errorMessageKey(reason: PageError): MessageKey {
  switch (reason) {
    case 'unknown_board':
      return 'errorUnknownBoard';
    case 'bad_key':
    case 'forbidden':
      return 'errorBadKey';
    case 'protocol_mismatch':
      return 'errorProtocol';
    case 'network':
      return 'errorNetwork';
    case 'not_found':
      return 'errorNotFound';
    case 'export_failed':
      return 'errorExportFailed';
    case 'store_damaged':
      return 'errorStoreDamaged';
    default:
      return 'errorServer';
  }
}

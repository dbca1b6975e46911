import type { HallLinksKey } from './hall-links-ja';

/** The console's link address, English. */
export const hallLinksEn: Record<HallLinksKey, string> = {
  linkBaseLabel: 'Link address',
  linkBaseHint: 'The address of this computer that the links and QR codes carry.',
  linkBaseThisPc: '{host} (this computer only)',
  linkBaseLan: '{host} (hall network, {name})',
  linkBasePublic: 'The links use PUBLIC_URL ({url}).',
  linkWarning:
    'The links and QR codes still say {host}: only this computer can open that address, phones in the hall get nothing. {next}',
  linkWarningPick: 'Pick the hall network address under “Link address” above.',
  linkWarningNoLan:
    'No hall network address was found: connect this computer to the hall Wi-Fi, or set PUBLIC_URL on the server.',
  linkCardWarning:
    'These links still say {host} and open on this computer only: pick the hall address under “Link address” at the top of the page.',
  linkQrShow: 'Show QR code',
  linkQrSecret: 'The recorder link can draw and is secret: never show it on the hall screen or the stream.',
};

/** The console's link address (which address the links and QR codes carry), Japanese. */
export const hallLinksJa = {
  linkBaseLabel: 'リンクのアドレス',
  linkBaseHint: 'リンクとQRコードに使うこのパソコンのアドレスです。',
  linkBaseThisPc: '{host}(このパソコンのみ)',
  linkBaseLan: '{host}(会場のネットワーク {name})',
  linkBasePublic: 'リンクは PUBLIC_URL({url})を使います。',
  linkWarning:
    'リンクとQRコードが {host} のままです。このアドレスはこのパソコンでしか開けず、会場のスマートフォンでは何も映りません。{next}',
  linkWarningPick: '上の「リンクのアドレス」で会場のネットワークのアドレスを選んでください。',
  linkWarningNoLan:
    '会場のネットワークのアドレスが見つかりません。パソコンを会場のWi-Fiにつなぐか、サーバーに PUBLIC_URL を設定してください。',
  linkCardWarning:
    'このリンクは {host} のままで、このパソコンでしか開けません。ページ上部の「リンクのアドレス」で会場のアドレスを選んでください。',
  linkQrShow: 'QRコードを表示',
  linkQrSecret: '記録者用は描ける秘密のリンクです。会場のスクリーンや配信に映さないでください。',
} as const satisfies Record<string, string>;

export type HallLinksKey = keyof typeof hallLinksJa;

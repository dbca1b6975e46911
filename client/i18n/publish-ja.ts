/** The organiser's publish bundle (「公開用にまとめる」) on the export panel. */
export const publishJa = {
  exportPublish: '公開用にまとめる',
  exportPublishHint:
    'Webサイトにそのまま置ける ZIP を作ります: index.html (ボードの画像と文字、プログラムの見出し)、PDF、PNG、任意でタイムラプス動画。',
  publishVideo: 'タイムラプス動画 (MP4・任意)',
  publishVideoClear: '動画を外す',
  publishNeedsConsent:
    '公開するには、設定で「ボードの公開について同意を得ています」にチェックを入れて保存してください。',
  publishVideoTooLarge: '動画が大きすぎます ({size} MB まで)。',
  publishVideoNotMp4: 'MP4 の動画ファイルを選んでください。',
  errorConsentRequired: 'ボードの公開についての同意が記録されていません。',
} as const;

/** Japanese is the default language; every other dictionary must carry exactly these keys. */
export const ja = {
  appName: 'grareco',
  language: '言語',
  loading: '読み込み中…',

  // Tools: a short label under each button and a longer hint (tooltip) with the shortcut
  toolPen: 'ペン',
  toolPenHint: 'ペン (P)',
  toolMarker: 'マーカー',
  toolMarkerHint: 'マーカー (M)',
  toolHighlighter: '蛍光ペン',
  toolHighlighterHint: '蛍光ペン (H)',
  toolShadow: '影',
  toolShadowHint: '影ペン:文字や図の下に灰色の影を付けます (S)',
  toolEraser: '消しゴム',
  toolEraserHint: '消しゴム:なぞった線をまるごと消します (E)',
  toolHand: '移動',
  toolHandHint: '手のひら:ドラッグで表示を移動します (Space+ドラッグ)',
  toolText: 'テキスト',
  toolTextLater: 'テキストは今後のバージョンで追加されます',
  undo: '元に戻す',
  undoHint: '元に戻す (Ctrl+Z)',
  redo: 'やり直す',
  redoHint: 'やり直す (Ctrl+Shift+Z)',
  fit: '全体',
  fitHint: 'ボード全体を表示 (F)',
  color: '色',
  colorName0: '黒',
  colorName1: 'ダークグレー',
  colorName2: 'オレンジ',
  colorName3: '青',
  colorName4: '緑',
  size: '太さ',
  sizeSmall: '細',
  sizeMedium: '中',
  sizeLarge: '太',
  toolbar: 'ツールバー',

  // Statuses
  connOnline: 'オンライン',
  connReconnecting: '再接続中…',
  connOffline: 'オフライン',
  saveSaved: '保存済み',
  savePending: '未送信 {count} 件',
  viewerCount: '閲覧 {count} 人',
  rejectedOp: '変更が拒否されました: {reason}',
  boardLocked: 'このボードはロックされています',

  // Viewer
  followFit: '全体表示中',
  followFree: '自由に移動中',
  followToggleHint: '全体表示と自由な移動を切り替え',

  // Errors
  errorTitle: 'ボードを開けません',
  errorUnknownBoard: 'このボードは見つかりません。リンクが正しいか確認してください。',
  errorBadKey: 'リンクのキーが正しくないか、無効になっています。主催者に新しいリンクを確認してください。',
  errorProtocol: 'アプリが更新されました。ページを再読み込みしてください。',
  errorServer: 'サーバーでエラーが発生しました。しばらくしてから再読み込みしてください。',
  errorNetwork: 'サーバーに接続できません。ネットワークを確認して再読み込みしてください。',
  errorNotFound: 'ページが見つかりません。',
  reload: '再読み込み',

  // Home
  homeLead: 'ライブ・グラフィックレコーディングボード',
  homeHint: '主催者は管理用リンク(/admin?token=…)を開いてください。',

  // Organiser
  adminTitle: '主催者ページ',
  adminTokenLabel: '管理トークン',
  adminTokenHint: 'サーバー起動時に表示された管理トークンを貼り付けてください。',
  adminTokenSave: '保存',
  adminTokenInvalid: '管理トークンが正しくありません。',
  adminForget: 'トークンを消去',
  adminCreateTitle: '新しいボード',
  adminBoardTitle: 'タイトル',
  adminCreate: '作成',
  adminCreating: '作成中…',
  adminCreateFailed: 'ボードを作成できませんでした: {reason}',
  adminBoards: 'ボード一覧',
  adminNoBoards: 'まだボードはありません。',
  adminCreatedAt: '作成日時',
  adminLocked: 'ロック中',
  adminLinkDraw: '記録者用',
  adminLinkView: '閲覧用',
  adminLinkPresent: 'プロジェクター用',
  adminCopy: 'コピー',
  adminCopied: 'コピーしました',
  adminOpen: '開く',
  adminLoadFailed: 'ボード一覧を読み込めませんでした。',
} satisfies Record<string, string>;

export type MessageKey = keyof typeof ja;
/** A dictionary for another language: the compiler refuses one with a missing key. */
export type Messages = Record<MessageKey, string>;

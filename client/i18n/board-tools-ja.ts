/** The recorder's view controls, recent colours, template layer and board stamps, Japanese. */
export const boardToolsJa = {
  viewControls: '表示',
  zoomLevel: '表示倍率 {percent}%',
  zoomActual: '100%',
  zoomActualHint: '実寸 (100%) で表示 (1)',
  zoomSelection: '選択範囲',
  zoomSelectionHint: '選択したものを画面いっぱいに表示 (2)',
  overview: '全体図',
  overviewHint: 'ボード全体の小さな地図を表示・非表示 (O)',
  overviewMap: 'ボードの全体図:クリックでその場所へ移動',
  grid: 'グリッド',
  gridHint: '描画用のグリッドを表示・非表示 (G)。視聴者と書き出しには出ません',

  recentColors: '最近使った色',
  customColor: 'ほかの色',
  customColorHint: 'パレットにない色を選ぶ',
  recentColor: '最近使った色 {color}',

  templateDraw: 'テンプレートに描く',
  templateDrawHint: 'オンの間、新しく描くものをテンプレート層(タイトル・見出し・ロゴの層)に置きます',
  templateLocked: 'テンプレートを固定',
  templateLockedHint:
    'オンの間、記録者はテンプレート層(タイトル・アジェンダ見出し・ロゴ)を動かしたり消したりできません。イベント前の準備中だけオフにしてください',
  templateLockedRejected: 'テンプレートは固定されています',
  templateUnlock: 'テンプレートの固定を解除',
  templateLockedNow: '「{title}」のテンプレートを固定しました',
  templateUnlockedNow: '「{title}」のテンプレートの固定を解除しました。記録者がテンプレート層を編集できます',
} satisfies Record<string, string>;

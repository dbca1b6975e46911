/** The time-lapse page (/b/:id/replay), Japanese; spread into the main dictionary. */
export const replayJa = {
  replayTitle: 'タイムラプス',
  replayPlay: '再生',
  replayPause: '一時停止',
  replaySpeed: '速度',
  replaySpeedFit: '60秒に収める',
  replaySeek: '再生位置',
  replayMarkers: '目印',
  replayPauseMarker: '休止 {minutes}分',
  replayMarkerHint: '{time} {label}',
  replayClock: '時刻',
  replayElapsed: '経過 {time}',
  replayShortenPauses: '長い休止を詰める',
  replayShortenPausesHint: '2分を超える休止を1分に縮めて再生します(目印には本当の長さが出ます)',
  replayExport: '動画を書き出す',
  replayExportHint:
    '1920×1080 の WebM 動画を作ります。選んだ速度で再生しながら録画するので、終わるまでこのタブを前面に開いておいてください。',
  replayExportAs: '動画を書き出す ({format})',
  replayExportHintOffline:
    '1920×1080 の {format} 動画({codec})を作ります。再生を待たずに1コマずつ描いて書き出すので、動画の長さより早く終わります。',
  replayExporting: '書き出し中 {percent}%',
  replayCancel: '中止',
  replayDownload: '動画を保存 ({size})',
  replayDownloadAs: '{format} 動画を保存 ({length}・{size})',
  replayDownloadFormat: '{format} 動画を保存 ({size})',
  replayExportUnsupported:
    'このブラウザーは動画の書き出しに対応していません。Chrome・Edge・Firefox をお使いください。',
  replayExportFailed: '動画を書き出せませんでした。',
  replayEmpty: 'このボードにはまだ何も記録されていません。',
  replayErrorTitle: 'タイムラプスを開けません',
  replayNoToken:
    'タイムラプスは主催者だけが見られます。主催者ページで管理トークンを入れてから、ボード一覧の「タイムラプス」を開いてください。',
  replayBadToken:
    '管理トークンが正しくないか、無効になっています。主催者ページでトークンを入れ直してください。',
  replayToAdmin: '主催者ページへ',
} satisfies Record<string, string>;

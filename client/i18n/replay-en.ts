import type { replayJa } from './replay-ja';

/** The time-lapse page, English: exactly the Japanese keys. */
export const replayEn: Record<keyof typeof replayJa, string> = {
  replayTitle: 'Time-lapse',
  replayPlay: 'Play',
  replayPause: 'Pause',
  replaySpeed: 'Speed',
  replaySpeedFit: 'Fit into 60 s',
  replaySeek: 'Position',
  replayMarkers: 'Markers',
  replayPauseMarker: 'Pause {minutes} min',
  replayMarkerHint: '{time} {label}',
  replayClock: 'Time',
  replayElapsed: 'Elapsed {time}',
  replayShortenPauses: 'Shorten long pauses',
  replayShortenPausesHint: 'Pauses over 2 minutes play as 1 minute (their markers keep the real length)',
  replayExport: 'Export video',
  replayExportHint:
    'Makes a 1920×1080 WebM video. It records while replaying at the chosen speed: keep this tab in front until it is done.',
  replayExportAs: 'Export video ({format})',
  replayExportHintOffline:
    'Makes a 1920×1080 {format} video ({codec}). It is drawn frame by frame instead of played back, so it is done sooner than the video lasts.',
  replayExporting: 'Exporting {percent}%',
  replayCancel: 'Cancel',
  replayDownload: 'Save video ({size})',
  replayDownloadAs: 'Save {format} video ({length}, {size})',
  replayDownloadFormat: 'Save {format} video ({size})',
  replayExportUnsupported: 'This browser cannot record video. Use Chrome, Edge or Firefox.',
  replayExportFailed: 'The video could not be made.',
  replayEmpty: 'Nothing has been recorded on this board yet.',
  replayErrorTitle: 'Cannot open the time-lapse',
  replayNoToken:
    'Only the organiser can watch the time-lapse. Enter the admin token on the organiser page, then open “Time-lapse” from the board list.',
  replayBadToken: 'The admin token is wrong or no longer valid. Enter it again on the organiser page.',
  replayToAdmin: 'Organiser page',
};

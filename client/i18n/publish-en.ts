import type { publishJa } from './publish-ja';

export const publishEn: Record<keyof typeof publishJa, string> = {
  exportPublish: 'Bundle for publishing',
  exportPublishHint:
    'Makes a ZIP a website can serve as it is: index.html (the board as image and text, the programme headings), the PDF, a PNG and, optionally, the time-lapse video.',
  publishVideo: 'Time-lapse video (MP4, optional)',
  publishVideoClear: 'Remove the video',
  publishNeedsConsent:
    'To publish, tick “Consent to publish the board has been given” in the settings and save.',
  publishVideoTooLarge: 'The video is too large (up to {size} MB).',
  publishVideoNotMp4: 'Choose an MP4 video file.',
  errorConsentRequired: 'No consent to publish the board has been recorded.',
};

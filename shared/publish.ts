/**
 * The publish bundle: one zip that a static web host serves as it is. Its files have fixed
 * ASCII names, so every host and every link inside the page works without encoding.
 */
export const PUBLISH_FILES = {
  page: 'index.html',
  svg: 'board.svg',
  pdf: 'board.pdf',
  png: 'board.png',
  video: 'timelapse.mp4',
} as const;

export const PUBLISH_LIMITS = {
  /**
   * The time-lapse MP4 the organiser adds: a 60-s time-lapse is 5–20 MB, a long one at the
   * export's 8 Mbit/s ceiling about 60 MB a minute. It crosses to the export process and back
   * inside the zip, so the bound keeps that process well within its memory.
   */
  videoBytes: 128 * 1024 * 1024,
} as const;

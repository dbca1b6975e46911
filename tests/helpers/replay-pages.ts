import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import type { InkGrid } from './ink-map';

/**
 * An init script for a browser whose WebCodecs cannot encode H.264 (Firefox before 130, a
 * Chromium built without it): isConfigSupported says no to every avc1 codec string.
 */
export const NO_H264_SCRIPT = `(() => {
  const ask = VideoEncoder.isConfigSupported.bind(VideoEncoder);
  VideoEncoder.isConfigSupported = (config) =>
    /^avc1\\./.test(config.codec) ? Promise.resolve({ supported: false, config }) : ask(config);
})();`;

/** The replay page's numbers (see client/replay/replay-hook.ts). */
export interface ReplayState {
  position: number;
  duration: number;
  playing: boolean;
  applied: number;
  total: number;
  seq: number;
}

export async function readReplay(page: Page): Promise<ReplayState> {
  return page.evaluate(() => {
    const h = window.__grarecoReplay;
    if (!h) throw new Error('no replay hook');
    return {
      position: h.position,
      duration: h.duration,
      playing: h.playing,
      applied: h.applied,
      total: h.total,
      seq: h.seq,
    };
  });
}

/** Waits until the replay page has its board and its log. */
export async function waitForReplay(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="board"] canvas');
  await page.waitForFunction(() => window.__grarecoReplay != null && window.__grareco?.viewport != null);
}

/** Moves the seek bar to a fraction of the replay, as a drag of its thumb would. */
export async function seekTo(page: Page, fraction: number): Promise<void> {
  await page.evaluate((f) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="replay-seek"]');
    if (!input) throw new Error('no seek bar');
    input.value = String(Number(input.max) * f);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, fraction);
}

/** Waits for two animation frames: fabric draws requested renders on the next one. */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  );
}

/** Clicks the download link and reads the saved file (as a person saving it would get it). */
export async function downloadedFile(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('replay-download').click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

/**
 * The ink grid of a video's last frame, decoded by Chromium itself on a blank page (the app's
 * CSP rightly allows no media from data: URLs). `vt` maps board units to the video's pixels.
 */
export async function videoLastFrameInk(
  browser: Browser,
  bytes: Buffer,
  mime: string,
  board: { width: number; height: number },
  vt: readonly number[],
  cols: number,
  rows: number,
): Promise<InkGrid & { width: number; height: number; png: Buffer }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const grid = await page.evaluate(
      async ({ src, board, vt, cols, rows, below }) => {
        const video = document.createElement('video');
        video.muted = true;
        video.src = src;
        document.body.append(video);
        await new Promise<void>((resolve, reject) => {
          video.onended = () => resolve();
          video.onerror = () => reject(new Error(`video error ${video.error?.code}`));
          void video.play().catch(reject);
        });
        const canvas = document.createElement('canvas');
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2d context');
        ctx.drawImage(video, 0, 0);
        const all = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        const [z = 1, , , , tx = 0, ty = 0] = vt;
        const share: number[] = [];
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++) {
            const x0 = Math.floor(((c * board.width) / cols) * z + tx);
            const x1 = Math.floor((((c + 1) * board.width) / cols) * z + tx);
            const y0 = Math.floor(((r * board.height) / rows) * z + ty);
            const y1 = Math.floor((((r + 1) * board.height) / rows) * z + ty);
            let ink = 0;
            let n = 0;
            for (let y = Math.max(0, y0); y < Math.min(canvas.height, y1); y++) {
              for (let x = Math.max(0, x0); x < Math.min(canvas.width, x1); x++) {
                const i = (y * canvas.width + x) * 4;
                if (Math.min(all[i] ?? 255, all[i + 1] ?? 255, all[i + 2] ?? 255) < below) ink++;
                n++;
              }
            }
            share.push(n > 0 ? ink / n : 0);
          }
        }
        const png = canvas.toDataURL('image/png');
        return { cols, rows, share, width: canvas.width, height: canvas.height, png };
      },
      { src: `data:${mime};base64,${bytes.toString('base64')}`, board, vt, cols, rows, below: 200 },
    );
    return { ...grid, png: Buffer.from(grid.png.replace(/^data:image\/png;base64,/, ''), 'base64') };
  } finally {
    await context.close();
  }
}

/** What ffprobe (Debian's ffmpeg, for tests only) reads from a video file. */
export interface ProbedVideo {
  /** e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "matroska,webm". */
  container: string;
  codec: string;
  width: number;
  height: number;
  /** Packets counted by reading the whole stream (one per frame for these codecs). */
  frames: number;
  /** The container's duration in seconds, as players show it. */
  duration: number;
}

/** Reads a saved video with ffprobe, counting its packets (`-count_packets` reads them all). */
export async function probeVideo(path: string): Promise<ProbedVideo> {
  const { stdout } = await promisify(execFile)('ffprobe', [
    '-v',
    'error',
    '-count_packets',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=codec_name,width,height,nb_read_packets:format=format_name,duration',
    '-of',
    'json',
    path,
  ]);
  const json = JSON.parse(stdout) as {
    streams?: { codec_name?: string; width?: number; height?: number; nb_read_packets?: string }[];
    format?: { format_name?: string; duration?: string };
  };
  const stream = json.streams?.[0] ?? {};
  return {
    container: json.format?.format_name ?? '',
    codec: stream.codec_name ?? '',
    width: stream.width ?? 0,
    height: stream.height ?? 0,
    frames: Number(stream.nb_read_packets ?? NaN),
    duration: Number(json.format?.duration ?? NaN),
  };
}

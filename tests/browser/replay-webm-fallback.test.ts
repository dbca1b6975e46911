import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playbackRate } from '../../client/replay/speeds';
import { VIDEO_SIZE, videoPlan, videoSeconds } from '../../client/replay/video-plan';
import { openBrowser, resultPath } from '../helpers/browser-pages';
import { addOp, makeStroke } from '../helpers/fixtures';
import {
  downloadedFile,
  NO_H264_SCRIPT,
  probeVideo,
  readReplay,
  waitForReplay,
} from '../helpers/replay-pages';
import { connectClient, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

function wait(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

describe('time-lapse video without H.264', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await openBrowser();
    const res = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'WebM のテスト' }),
    });
    expect(res.status).toBe(201);
    board = (await res.json()) as CreatedBoard;
    const writer = await connectClient(server.url, board.id, keyOf(board.links.draw));
    for (const [x, y] of [
      [600, 600],
      [1800, 1200],
      [3000, 1600],
    ] as const) {
      await wait(400);
      expect((await writer.send(addOp({ ...makeStroke(x, y, 40), size: 18 }))).ok).toBe(true);
    }
    writer.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // A browser that cannot encode H.264 (Firefox before 130, a Chromium built without it).
  it('falls back to VP9 in WebM through WebCodecs, still with every promised frame and the duration set', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
    });
    const errors: string[] = [];
    try {
      await context.addInitScript(NO_H264_SCRIPT);
      const page = await context.newPage();
      page.on('pageerror', (err) => errors.push(String(err)));
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      await page.goto(`${server.url}/b/${board.id}/replay?key=${TEST_ADMIN_TOKEN}`);
      await waitForReplay(page);
      await page.waitForSelector('[data-testid="replay-export"][data-format="webm"]');
      await expect(page.getByTestId('replay-export').textContent()).resolves.toContain('WebM');

      await page.getByTestId('replay-speed').selectOption('8');
      const { duration } = await readReplay(page);
      const plan = videoPlan(duration, playbackRate(8, duration));
      await page.getByTestId('replay-export').click();
      await page.waitForSelector('[data-testid="replay-download"], [data-testid="replay-export-error"]', {
        timeout: 120_000,
      });
      expect(await page.getByTestId('replay-export-error').count(), 'no export error').toBe(0);
      await expect(page.getByTestId('replay-download').textContent()).resolves.toContain('WebM');
      const file = await downloadedFile(page);
      expect(file.name).toMatch(/-timelapse\.webm$/);
      const saved = resultPath('replay-video-fallback.webm');
      writeFileSync(saved, file.bytes);
      const probed = await probeVideo(saved);
      expect(probed.container).toContain('webm');
      expect(probed.codec).toBe('vp9');
      expect([probed.width, probed.height]).toEqual([VIDEO_SIZE.width, VIDEO_SIZE.height]);
      expect(probed.frames).toBe(plan.frames);
      expect(Math.abs(probed.duration - videoSeconds(plan))).toBeLessThanOrEqual(1 / plan.fps);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
  // A browser without WebCodecs encoding at all: the old real-time MediaRecorder path.
  it('falls back to MediaRecorder WebM where WebCodecs cannot encode', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
    });
    const errors: string[] = [];
    try {
      await context.addInitScript('delete globalThis.VideoEncoder;');
      const page = await context.newPage();
      page.on('pageerror', (err) => errors.push(String(err)));
      await page.goto(`${server.url}/b/${board.id}/replay?key=${TEST_ADMIN_TOKEN}`);
      await waitForReplay(page);
      await page.waitForSelector('[data-testid="replay-export"][data-format="webm"]');
      await page.getByTestId('replay-speed').selectOption('64');
      await page.getByTestId('replay-export').click();
      await page.waitForSelector('[data-testid="replay-download"], [data-testid="replay-export-error"]', {
        timeout: 120_000,
      });
      expect(await page.getByTestId('replay-export-error').count(), 'no export error').toBe(0);
      const file = await downloadedFile(page);
      expect(file.name).toMatch(/-timelapse\.webm$/);
      const saved = resultPath('replay-video-recorder.webm');
      writeFileSync(saved, file.bytes);
      const probed = await probeVideo(saved);
      expect(probed.container).toContain('webm');
      expect(['vp9', 'vp8']).toContain(probed.codec);
      expect([probed.width, probed.height]).toEqual([VIDEO_SIZE.width, VIDEO_SIZE.height]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

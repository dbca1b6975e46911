import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../shared/archive';
import type { Stroke } from '../../shared/objects/stroke';
import { SEMINAR_AGENDA } from '../../client/admin/seminar-agenda';
import { pauseMarkers } from '../../client/replay/markers';
import {
  alongStroke,
  expectInk,
  openBrowser,
  openPage,
  resultPath,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { addOp, makeStroke, removeOp } from '../helpers/fixtures';
import { canvasInkGrid, inkMismatches } from '../helpers/ink-map';
import {
  downloadedFile,
  nextFrames,
  probeVideo,
  readReplay,
  seekTo,
  videoLastFrameInk,
  waitForReplay,
} from '../helpers/replay-pages';
import { playbackRate } from '../../client/replay/speeds';
import { VIDEO_SIZE, videoPlan, videoSeconds } from '../../client/replay/video-plan';
import type { CommittedOp } from '../../shared/ops';
import { fitTransform } from '../../client/board/viewport';
import { connectClient, getBoardDoc, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { seminarLog } from '../helpers/seminar-log';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

const BOARD = { width: 3840, height: 2160 };
/** Ops this far apart, and a longer wait before the erase: the middle of the log falls after C and before B is erased. */
const STEP_MS = 400;
const BEFORE_ERASE_MS = 2_400;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "HH:MM" of an instant in this machine's zone (the browser's zone too). */
function hhmm(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function points(s: Stroke): BoardPoint[] {
  return alongStroke(s.points.map(([x, y]) => [x, y] as const)).filter((_, i) => i % 6 === 3);
}

function wait(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

describe('time-lapse replay', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let board: CreatedBoard;
  let replayUrl: string;
  const strokes = {
    a: { ...makeStroke(500, 900, 40), size: 18 },
    b: { ...makeStroke(1600, 900, 40), size: 18 },
    c: { ...makeStroke(2700, 900, 40), size: 18 },
    d: { ...makeStroke(1600, 1500, 40), size: 18 },
  };
  const agendaTitles = ['開会のあいさつ', '基調講演'];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await openBrowser();
    // Agenda headings at this minute and the next (the same one just before midnight).
    const now = Date.now();
    const next = new Date(now + 60_000).getDate() === new Date(now).getDate() ? now + 60_000 : now;
    const res = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'タイムラプスのテスト',
        agenda: [
          { start: hhmm(now), title: agendaTitles[0] },
          { start: hhmm(next), title: agendaTitles[1] },
        ],
      }),
    });
    expect(res.status).toBe(201);
    board = (await res.json()) as CreatedBoard;
    replayUrl = `${server.url}/b/${board.id}/replay`;

    // A, B, C drawn; B erased; D drawn — each op its own moment.
    const writer = await connectClient(server.url, board.id, keyOf(board.links.draw));
    for (const [pause, op] of [
      [STEP_MS, addOp(strokes.a)],
      [STEP_MS, addOp(strokes.b)],
      [STEP_MS, addOp(strokes.c)],
      [BEFORE_ERASE_MS, removeOp(strokes.b.id)],
      [STEP_MS, addOp(strokes.d)],
    ] as const) {
      await wait(pause);
      expect((await writer.send(op)).ok).toBe(true);
    }
    writer.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A seminar's log with real times, carried in as an archive (import keeps the stamps). */
  async function importSeminar(): Promise<{ id: string; ops: CommittedOp[] }> {
    const exported = await fetch(`${server.url}/api/boards/${board.id}/export.grareco`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    const archive = (await exported.json()) as Archive;
    const title = '第21回地域福祉セミナー';
    const ops = seminarLog(title, SEMINAR_AGENDA, BOARD);
    const body = {
      ...archive,
      meta: { ...archive.meta, title, date: '2023-11-16', agenda: SEMINAR_AGENDA },
      ops,
    };
    const res = await fetch(`${server.url}/api/boards/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    return { id, ops };
  }

  it('explains that the admin token is needed, or wrong', async () => {
    const none = await openPage(browser, replayUrl);
    await none.page.waitForSelector('[data-testid="error-page"][data-reason="no_token"]');
    await expect(none.page.getByTestId('error-message').textContent()).resolves.toContain('主催者');
    await none.close();

    const viewerKey = await openPage(browser, `${replayUrl}?key=${keyOf(board.links.view)}`);
    await viewerKey.page.waitForSelector('[data-testid="error-page"][data-reason="bad_token"]');
    await viewerKey.close();
  });

  it('plays to the board as it is, shows the middle of the log, and marks the agenda', async () => {
    const viewer = await openPage(browser, board.links.view);
    await waitForBoard(viewer.page);
    const doc = await getBoardDoc(server.url, board.id, TEST_ADMIN_TOKEN);
    await viewer.page.waitForFunction((n) => window.__grareco?.objectCount === n, doc.body.objects.length);

    // From the organiser page's board card: it keeps the token in localStorage, where the
    // replay page finds it.
    const replay = await openPage(browser, `${server.url}/admin?token=${TEST_ADMIN_TOKEN}`);
    const { page, errors } = replay;
    const link = page.locator(
      `[data-testid="board-card"][data-board-id="${board.id}"] [data-testid="open-replay"]`,
    );
    await expect(link.getAttribute('href')).resolves.toBe(`/b/${board.id}/replay`);
    await link.click();
    await page.waitForURL(`**/b/${board.id}/replay`);
    await waitForReplay(page);
    await page.evaluate(() => document.fonts.ready);

    const start = await readReplay(page);
    expect(start.total).toBe(6); // the agenda template, A, B, C, the erase of B, D
    expect(start.duration).toBeGreaterThan(4 * STEP_MS + BEFORE_ERASE_MS);
    expect(start.applied).toBe(1);

    // Agenda markers, labelled with the headings.
    const markers = page.locator('[data-testid="replay-marker"][data-kind="agenda"]');
    await expect(markers.allTextContents()).resolves.toEqual(agendaTitles);

    // Play at ×64: the last frame is the board as a viewer sees it.
    await page.getByTestId('replay-speed').selectOption('64');
    await page.getByTestId('replay-play').click();
    await page.waitForFunction(() => {
      const h = window.__grarecoReplay;
      return h != null && !h.playing && h.applied === h.total;
    });
    await expect(page.getByTestId('replay-clock').textContent()).resolves.toMatch(/^\d\d:\d\d$/);
    await nextFrames(page);
    await page.waitForTimeout(300);
    for (const s of [strokes.a, strokes.c, strokes.d]) await expectInk(page, points(s));
    await expectInk(page, points(strokes.b), false);
    const cols = 32;
    const rows = 18;
    const replayed = await canvasInkGrid(page, BOARD, cols, rows);
    const live = await canvasInkGrid(viewer.page, BOARD, cols, rows);
    expect(replayed.share.filter((s) => s > 0).length).toBeGreaterThan(20);
    expect(inkMismatches(replayed, live, 0.01)).toEqual([]);

    // The middle: B is drawn and not yet erased, D not yet drawn.
    await seekTo(page, 0.5);
    await nextFrames(page);
    const middle = await readReplay(page);
    expect(middle.applied).toBe(4);
    await expectInk(page, points(strokes.b));
    await expectInk(page, points(strokes.d), false);
    await screenshot(page, 'replay-middle');

    // Back at the start only the template is there; play from the middle reaches the end again.
    await seekTo(page, 0);
    await nextFrames(page);
    await expectInk(page, [...points(strokes.a), ...points(strokes.c)], false);
    expect(errors).toEqual([]);
    await viewer.close();
    await replay.close();
  });

  it('exports the replay as an MP4 (H.264) video of the promised length, with progress and cancel', async () => {
    const { page, errors, close } = await openPage(browser, `${replayUrl}?key=${TEST_ADMIN_TOKEN}`);
    await waitForReplay(page);
    const avc = await page.evaluate(async () => {
      const config = { codec: 'avc1.640028', width: 1920, height: 1080 };
      return (await VideoEncoder.isConfigSupported(config)).supported === true;
    });
    expect(avc, 'this Chromium encodes H.264 at 1080p through WebCodecs').toBe(true);
    const button = page.getByTestId('replay-export');
    await page.waitForSelector('[data-testid="replay-export"][data-format="mp4"]');
    await expect(button.textContent()).resolves.toContain('MP4');

    // A seminar afternoon at ×1 is hours of video: progress shows, and cancel throws it away,
    // the hidden board and its canvases with it.
    const seminar = await importSeminar();
    const long = await openPage(browser, `${server.url}/b/${seminar.id}/replay?key=${TEST_ADMIN_TOKEN}`);
    await waitForReplay(long.page);
    await long.page.waitForSelector('[data-testid="replay-export"][data-format="mp4"]');
    await long.page.getByTestId('replay-speed').selectOption('1');
    await long.page.getByTestId('replay-export').click();
    await long.page.waitForSelector('[data-testid="replay-progress"]');
    await expect(long.page.getByTestId('replay-progress').textContent()).resolves.toMatch(/\d+%/);
    await long.page.waitForSelector('[aria-hidden="true"] canvas', { state: 'attached' });
    await long.page.getByTestId('replay-cancel').click();
    await long.page.getByTestId('replay-export').waitFor();
    expect(await long.page.getByTestId('replay-download').count()).toBe(0);
    expect(await long.page.locator('[aria-hidden="true"] canvas').count()).toBe(0);
    expect(long.errors).toEqual([]);
    await long.close();

    // At ×64 the small board is a few seconds of video: an MP4 with every promised frame.
    await page.getByTestId('replay-speed').selectOption('64');
    const { duration } = await readReplay(page);
    const plan = videoPlan(duration, playbackRate(64, duration));
    await button.click();
    await page.waitForSelector('[data-testid="replay-download"], [data-testid="replay-export-error"]', {
      timeout: 120_000,
    });
    expect(await page.getByTestId('replay-export-error').count(), 'no export error').toBe(0);
    await expect(page.getByTestId('replay-download').textContent()).resolves.toContain('MP4');
    const file = await downloadedFile(page);
    expect(file.name).toMatch(/-timelapse\.mp4$/);
    const saved = resultPath('replay-video.mp4');
    writeFileSync(saved, file.bytes);
    const probed = await probeVideo(saved);
    expect(probed.container).toContain('mp4');
    expect(probed.codec).toBe('h264');
    expect([probed.width, probed.height]).toEqual([VIDEO_SIZE.width, VIDEO_SIZE.height]);
    expect(probed.frames).toBe(plan.frames);
    expect(Math.abs(probed.duration - videoSeconds(plan))).toBeLessThanOrEqual(1 / plan.fps);

    // Its last frame, decoded by Chromium: the finished board at 1080p, ink where a viewer has it.
    const doc = await getBoardDoc(server.url, board.id, TEST_ADMIN_TOKEN);
    const viewer = await openPage(browser, board.links.view);
    await waitForBoard(viewer.page);
    await viewer.page.waitForFunction((n) => window.__grareco?.objectCount === n, doc.body.objects.length);
    await viewer.page.evaluate(() => document.fonts.ready);
    await viewer.page.waitForTimeout(300);
    const cols = 32;
    const rows = 18;
    const vt = fitTransform(BOARD, VIDEO_SIZE);
    const frame = await videoLastFrameInk(browser, file.bytes, 'video/mp4', BOARD, vt, cols, rows);
    expect([frame.width, frame.height]).toEqual([VIDEO_SIZE.width, VIDEO_SIZE.height]);
    writeFileSync(resultPath('replay-video-last-frame.png'), frame.png);
    const live = await canvasInkGrid(viewer.page, BOARD, cols, rows);
    expect(frame.share.filter((s) => s > 0.01).length).toBeGreaterThan(20);
    expect(inkMismatches(frame, live, 0.01).length).toBeLessThanOrEqual(1);
    await viewer.close();
    await screenshot(page, 'replay-exported');
    expect(errors).toEqual([]);
    await close();
  });

  it('marks the programme and the pauses of a seminar day, and jumps to them', async () => {
    const seminar = await importSeminar();
    const ops = seminar.ops;

    const { page, errors, close } = await openPage(
      browser,
      `${server.url}/b/${seminar.id}/replay?key=${TEST_ADMIN_TOKEN}`,
    );
    await waitForReplay(page);
    const agenda = page.locator('[data-testid="replay-marker"][data-kind="agenda"]');
    await expect(agenda.allTextContents()).resolves.toEqual(SEMINAR_AGENDA.map((a) => a.title));
    // The day before (template), the four-minute stop and the break.
    const pauses = page.locator('[data-testid="replay-marker"][data-kind="pause"]');
    const expected = pauseMarkers(ops.map((c) => c.at)).map((m) => (m.kind === 'pause' ? m.minutes : 0));
    expect(expected.slice(1)).toEqual([4, 13]);
    await expect(pauses.allTextContents()).resolves.toEqual(expected.map((m) => `休止 ${m}分`));

    // A marker jumps there: the break starts with the last stroke before it (14:23:40).
    await pauses.nth(2).click();
    await expect(page.getByTestId('replay-clock').textContent()).resolves.toBe('14:23');
    await agenda.nth(4).click();
    await expect(page.getByTestId('replay-clock').textContent()).resolves.toBe('14:35');
    await expect(page.getByTestId('replay-elapsed').textContent()).resolves.toContain('01:20');

    // Shortened pauses keep the replay short; the real pauses make it as long as the log.
    const short = await readReplay(page);
    await page.getByTestId('replay-shorten-pauses').uncheck();
    const full = await readReplay(page);
    expect(full.duration).toBe((ops.at(-1)?.at ?? 0) - (ops[0]?.at ?? 0));
    expect(short.duration).toBeLessThan(full.duration / 5);
    await expect(page.getByTestId('replay-clock').textContent()).resolves.toBe('14:35');

    // Fit into 60 s plays the whole afternoon in about a minute: a second of it moves minutes on.
    await page.getByTestId('replay-shorten-pauses').check();
    await page.getByTestId('replay-speed').selectOption('fit');
    await agenda.nth(2).click();
    const before = await readReplay(page);
    await page.getByTestId('replay-play').click();
    await page.waitForTimeout(1_000);
    await page.getByTestId('replay-play').click();
    const after = await readReplay(page);
    expect(after.position - before.position).toBeGreaterThan(before.duration / 60 / 2);
    await expect(page.getByTestId('replay-clock').textContent()).resolves.not.toBe('13:35');
    await nextFrames(page);
    await page.evaluate(() => document.fonts.ready);
    await screenshot(page, 'replay-seminar');
    expect(errors).toEqual([]);
    await close();
  });
});

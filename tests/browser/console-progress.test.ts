import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../shared/archive';
import type { Stroke } from '../../shared/objects/stroke';
import { screenshot } from '../helpers/browser-pages';
import { childPids, isRunning } from '../helpers/child-processes';
import { startBrowserBoard, type BrowserBoard } from '../helpers/browser-setup';
import { cardById, downloadVia, openConsole, POLL } from '../helpers/console-pages';
import { ADMIN, decodePng } from '../helpers/export-jobs';
import { addOp, makeStroke } from '../helpers/fixtures';
import { connectClient, keyOf, sendAll, type CreatedBoard } from '../helpers/socket-clients';

function scribble(i: number): Stroke {
  const points: Stroke['points'] = [];
  for (let k = 0; k < 40; k++) points.push([300 + ((i * 37) % 4300) + k * 3, 300 + ((i * 53) % 2900), 0.5]);
  return {
    id: `s${i}`,
    type: 'stroke',
    tool: 'pen',
    color: '#1f2328',
    size: 10,
    opacity: 1,
    simulatePressure: true,
    points,
  };
}

/** What the page's progress bar says, sampled every 50 ms until it goes away. */
async function watchBar(page: import('playwright-core').Page, testid: string) {
  return page.evaluate(async (id) => {
    const seen: { now: number; text: string; phase: string }[] = [];
    const until = Date.now() + 120_000;
    while (Date.now() < until) {
      const box = document.querySelector(`[data-testid="${id}"]`);
      const bar = box?.querySelector('[role="progressbar"]');
      if (box && bar) {
        seen.push({
          now: Number(bar.getAttribute('aria-valuenow')),
          text: bar.getAttribute('aria-valuetext') ?? '',
          phase: box.getAttribute('data-phase') ?? '',
        });
      } else if (seen.length > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return seen;
  }, testid);
}

describe('organiser console: long work shows its progress and can be stopped', () => {
  let env: BrowserBoard;
  let board: CreatedBoard;
  let archive: Buffer;

  beforeAll(async () => {
    env = await startBrowserBoard();
    const res = await fetch(`${env.url}/api/boards`, {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '印刷する記録', width: 4961, height: 3508 }),
    });
    board = (await res.json()) as CreatedBoard;
    const recorder = await connectClient(env.url, board.id, keyOf(board.links.draw));
    await sendAll(
      recorder,
      Array.from({ length: 15 }, (_, op) =>
        addOp(...Array.from({ length: 200 }, (_, k) => scribble(op * 200 + k))),
      ),
    );
    recorder.close();
    // A long event's archive (8,000 ops), so its check takes a while.
    const base = (await (
      await fetch(`${env.url}/api/boards/${env.board.id}/export.grareco`, { headers: ADMIN })
    ).json()) as Archive;
    const ops = Array.from({ length: 8_000 }, (_, i) => ({
      seq: i + 1,
      at: 1_700_000_000_000 + i * 1000,
      actor: 'recorder',
      op: addOp(makeStroke((i * 37) % 3600, (i * 53) % 2000, 40, `i${i}`)) as unknown as Record<
        string,
        unknown
      >,
    }));
    archive = Buffer.from(JSON.stringify({ ...base, meta: { ...base.meta, title: '読み込む記録' }, ops }));
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('shows the print PNG’s progress from the server and saves a valid 4961×3508 PNG', async () => {
    const admin = await openConsole(env.browser, env.url);
    const card = cardById(admin.page, board.id);
    await card.getByTestId('export-png-size').selectOption('print');
    const watching = watchBar(admin.page, 'export-progress');
    const downloading = downloadVia(admin.page, card.getByTestId('export-png'));
    // The picture is taken while the export goes on (in the cancel test below, a slow
    // screenshot on a loaded machine could outlast the render it means to stop).
    const bar = admin.page.getByTestId('export-progress');
    await expect.poll(() => bar.getAttribute('data-phase'), { timeout: 60_000, interval: 50 }).toBe('render');
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(admin.page, 'console-export-progress');
    const png = await downloading;
    const seen = await watching;
    const decoded = decodePng(png.bytes);
    expect([decoded.width, decoded.height]).toEqual([4961, 3508]);
    expect(png.name).toBe('印刷する記録_print.png');
    // The bar moved through the server's phases with real counts, never backwards.
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.some((s) => s.now > 0 && s.now < 100)).toBe(true);
    const values = seen.map((s) => s.now);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(seen.some((s) => /描画中 [\d,]+ \/ 3,508 行/.test(s.text))).toBe(true);
    expect(await admin.page.getByTestId('export-progress').count()).toBe(0);
    expect(await admin.page.getByTestId('console-status').innerText()).toContain('印刷する記録_print.png');
    expect(admin.errors).toEqual([]);
    await admin.close();
  }, 180_000);

  it('stops the export from the cancel button (by keyboard): the export process is gone, nothing is saved', async () => {
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    const card = cardById(page, board.id);
    await card.getByTestId('export-png-size').selectOption('print');
    let downloads = 0;
    page.on('download', () => downloads++);
    await card.getByTestId('export-png').click();
    const bar = page.getByTestId('export-progress');
    // The export runs in a process of its own: the work stopping means that process is gone.
    // Its pid is read while the bar says it renders, before anything slower.
    let pid: number | undefined;
    await expect
      .poll(
        async () => {
          [pid] = childPids('export-child');
          return pid !== undefined && (await bar.getAttribute('data-phase')) === 'render';
        },
        { timeout: 60_000, interval: 50 },
      )
      .toBe(true);
    const progressbar = bar.getByRole('progressbar', { name: 'PNG の書き出しの進み具合' });
    expect(Number(await progressbar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    // Screen readers hear each phase once (a polite live region), not every count.
    await expect
      .poll(() => bar.locator('[aria-live="polite"]').textContent(), POLL)
      .toMatch(/^描画中 [\d,]+ \/ 3,508 行$/);
    expect(isRunning(pid as number), 'the export process still renders').toBe(true);

    await bar.getByTestId('export-progress-cancel').focus();
    await page.keyboard.press('Enter');
    await bar.waitFor({ state: 'detached' });
    await page.getByTestId('console-status').filter({ hasText: '書き出しを中止しました' }).waitFor();
    await expect.poll(() => isRunning(pid as number), { timeout: 2_000, interval: 50 }).toBe(false);
    await page.waitForTimeout(300);
    expect(childPids('export-child')).toEqual([]);
    expect(downloads).toBe(0);
    expect(await card.getByTestId('export-png').isEnabled()).toBe(true);
    // A poll already on its way when the job was stopped may meet its 404; nothing else fails.
    expect(admin.errors.filter((e) => !/404 .*export-jobs/.test(e))).toEqual([]);
    await admin.close();
  }, 180_000);

  it('shows an archive import’s upload and check, and stops it with nothing made', async () => {
    const admin = await openConsole(env.browser, env.url);
    const { page } = admin;
    const input = page.getByTestId('import-archive');
    const count = () => page.getByTestId('board-card').count();
    const before = await count();

    const watching = watchBar(page, 'import-progress');
    await input.setInputFiles({ name: 'long.grareco', mimeType: 'application/json', buffer: archive });
    const seen = await watching;
    await expect.poll(count, POLL).toBe(before + 1);
    expect(await page.getByTestId('console-status').innerText()).toContain('読み込む記録');
    const phases = [...new Set(seen.map((s) => s.phase))];
    expect(phases).toContain('replay');
    expect(seen.some((s) => /記録を再生して確認中 [\d,]+ \/ 8,000 件/.test(s.text))).toBe(true);
    const values = seen.map((s) => s.now);
    expect(values).toEqual([...values].sort((a, b) => a - b));

    await input.setInputFiles({ name: 'long.grareco', mimeType: 'application/json', buffer: archive });
    const bar = page.getByTestId('import-progress');
    await expect.poll(() => bar.getAttribute('data-phase'), { timeout: 60_000, interval: 50 }).toBe('replay');
    await bar.getByTestId('import-progress-cancel').click();
    await page.getByTestId('console-status').filter({ hasText: '読み込みを中止しました' }).waitFor();
    await bar.waitFor({ state: 'detached' });
    // The server's check would have finished by now; nothing was written.
    await page.waitForTimeout(4_000);
    await page.reload();
    await page.getByTestId('board-card').first().waitFor();
    expect(await count()).toBe(before + 1);
    expect(admin.errors).toEqual([]);
    await admin.close();
  }, 180_000);
});

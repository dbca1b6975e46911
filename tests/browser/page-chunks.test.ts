import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInk, openBrowser, screenshot, waitForBoard } from '../helpers/browser-pages';
import { addOp, makeStroke } from '../helpers/fixtures';
import { connectClient, createBoard, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

/** Each page is a chunk of its own: what a phone on the viewer link fetches, and what not. */
describe('page chunks', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = await startTestServer('memory');
    browser = await openBrowser();
    board = await createBoard(server.url, TEST_ADMIN_TOKEN, 'チャンク');
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    await recorder.send(addOp(makeStroke(400, 400, 20, 'ink')));
    recorder.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the viewer fetches no other page’s code, and the full font’s rules only after its board is drawn', async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (req: Request) => {
      const path = new URL(req.url()).pathname;
      if (path.endsWith('.js')) scripts.push(path);
    });
    await page.goto(board.links.view);
    await waitForBoard(page);
    await expectInk(page, [[440, 400]]);
    // @fontsource's rules, one stylesheet per weight: asked for only once every script the
    // page runs and its board's own faces are in, so on a thin link they take nothing from
    // the first paint.
    const timing = () =>
      page.evaluate(() =>
        performance.getEntriesByType('resource').map((e) => {
          const r = e as PerformanceResourceTiming;
          return { path: new URL(r.name).pathname, start: r.startTime, end: r.responseEnd };
        }),
      );
    await expect
      .poll(async () => (await timing()).filter((e) => /\/assets\/[47]00-.+\.css$/.test(e.path)).length)
      .toBe(2);
    const entries = await timing();
    const fullFont = entries.filter((e) => /\/assets\/[47]00-.+\.css$/.test(e.path));
    const needed = entries.filter((e) => e.path.endsWith('.js') || e.path.startsWith('/api/fonts/'));
    expect(needed.filter((e) => e.path.startsWith('/api/fonts/'))).toHaveLength(2);
    const firstFullFont = Math.min(...fullFont.map((e) => e.start));
    expect(firstFullFont).toBeGreaterThanOrEqual(Math.max(...needed.map((e) => e.end)));
    const names = scripts.map((p) => p.split('/').pop() ?? '');
    expect(names.some((n) => n.startsWith('ViewerPage-'))).toBe(true);
    for (const other of ['RecorderPage-', 'AdminPage-', 'ReplayPage-', 'ProjectorPage-', 'webcodecs-export-'])
      expect(
        names.filter((n) => n.startsWith(other)),
        other,
      ).toEqual([]);
    await context.close();
  });

  it('a page whose chunk cannot be fetched says the network failed and reloads into the board', async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
    const page = await context.newPage();
    let blocked = true;
    await page.route('**/assets/ViewerPage-*.js', (route) => (blocked ? route.abort() : route.continue()));
    await page.goto(board.links.view);
    const card = page.getByText('サーバーに接続できません。ネットワークを確認して再読み込みしてください。');
    await card.waitFor();
    await screenshot(page, 'page-chunk-failed');
    blocked = false;
    await page.getByRole('button', { name: '再読み込み' }).click();
    await waitForBoard(page);
    await expectInk(page, [[440, 400]]);
    await context.close();
  });
});

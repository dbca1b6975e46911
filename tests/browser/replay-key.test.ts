import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, openPage } from '../helpers/browser-pages';
import { addOp, makeStroke } from '../helpers/fixtures';
import { readReplay, waitForReplay } from '../helpers/replay-pages';
import { connectClient, createBoard, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

describe('the time-lapse link’s key', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await openBrowser();
    board = await createBoard(server.url, TEST_ADMIN_TOKEN, 'キーのテスト');
    const writer = await connectClient(server.url, board.id, keyOf(board.links.draw));
    expect((await writer.send(addOp(makeStroke(500, 500, 20)))).ok).toBe(true);
    writer.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('leaves the address bar at once, and a reload of the tab still plays', async () => {
    const { page, errors, close } = await openPage(
      browser,
      `${server.url}/b/${board.id}/replay?key=${TEST_ADMIN_TOKEN}#t`,
    );
    await waitForReplay(page);
    expect(page.url()).toBe(`${server.url}/b/${board.id}/replay#t`);
    expect(await page.evaluate(() => location.href)).not.toContain(TEST_ADMIN_TOKEN);
    expect((await readReplay(page)).total).toBe(1);

    await page.reload();
    await waitForReplay(page);
    expect(page.url()).not.toContain('key=');
    expect((await readReplay(page)).total).toBe(1);
    expect(errors).toEqual([]);
    await close();
  });

  it('leaves it too when the key is wrong', async () => {
    const { page, close } = await openPage(
      browser,
      `${server.url}/b/${board.id}/replay?key=${keyOf(board.links.view)}`,
    );
    await page.waitForSelector('[data-testid="error-page"][data-reason="bad_token"]');
    expect(page.url()).toBe(`${server.url}/b/${board.id}/replay`);
    await close();
  });
});

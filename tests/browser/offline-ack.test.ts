import type { Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { drawStroke, openPage, readHook, waitForBoard, type BoardPoint } from '../helpers/browser-pages';
import { useBrowserBoard } from '../helpers/browser-setup';
import { getBoardDoc, keyOf } from '../helpers/socket-clients';

/** Which way frames are swallowed: none, the recorder's to the server, or the server's answers. */
type Hold = 'none' | 'up' | 'down';

/**
 * Puts the page's socket behind a relay that can swallow frames one way, the way a Wi-Fi that
 * dies mid-frame does: the page believes it sent, the server never hears (up), or the server
 * commits and its ack never arrives (down). Set once per page; it stays through reloads.
 */
async function relaySocket(page: Page): Promise<{ hold(h: Hold): void }> {
  let hold: Hold = 'none';
  await page.routeWebSocket(/\/socket\.io\//, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    ws.onMessage((m) => {
      if (hold !== 'up') server.send(m);
    });
    server.onMessage((m) => {
      if (hold !== 'down') ws.send(m);
    });
  });
  // The route patches the page's WebSocket, which only a new document picks up.
  await page.reload();
  await waitForBoard(page);
  return { hold: (h) => (hold = h) };
}

const UP: BoardPoint[] = [
  [600, 600],
  [900, 700],
  [1200, 600],
];
const DOWN: BoardPoint[] = [
  [600, 1400],
  [900, 1500],
  [1200, 1400],
];

describe('an op is forgotten only once the server has answered it', () => {
  const env = useBrowserBoard();

  it('keeps an op whose frame or ack was lost through a reload, and delivers it exactly once', async () => {
    const board = await env().newBoard('届かなかった一画');
    const viewKey = keyOf(board.links.view);
    const recorder = await openPage(env().browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    const relay = await relaySocket(page);

    // Sent, but the server never hears it: only the device's queue still has it.
    relay.hold('up');
    await drawStroke(page, UP);
    await page.waitForFunction(() => window.__grareco?.storing === 0);
    await new Promise((r) => setTimeout(r, 500));
    expect((await readHook(page)).pendingCount).toBe(1);
    expect((await getBoardDoc(env().url, board.id, viewKey)).body.seq).toBe(0);

    relay.hold('none');
    await page.reload();
    await waitForBoard(page);
    await page.waitForFunction(() => window.__grareco?.saveState === 'saved', undefined, { timeout: 20_000 });
    let doc = await getBoardDoc(env().url, board.id, viewKey);
    expect(doc.body.seq).toBe(1);
    expect(doc.body.objects).toHaveLength(1);

    // Committed, but the ack (and the broadcast) never arrive: the resend after the reload is
    // answered with the first seq, so the board still holds the stroke once.
    relay.hold('down');
    await drawStroke(page, DOWN);
    await page.waitForFunction(() => window.__grareco?.storing === 0);
    await expect
      .poll(async () => (await getBoardDoc(env().url, board.id, viewKey)).body.seq, { timeout: 10_000 })
      .toBe(2);
    expect((await readHook(page)).pendingCount).toBe(1);

    relay.hold('none');
    await page.reload();
    await waitForBoard(page);
    await page.waitForFunction(() => window.__grareco?.saveState === 'saved', undefined, { timeout: 20_000 });
    doc = await getBoardDoc(env().url, board.id, viewKey);
    expect(doc.body.seq).toBe(2);
    expect(doc.body.objects).toHaveLength(2);
    expect((await readHook(page)).objectCount).toBe(2);
    await recorder.close();
  });
});

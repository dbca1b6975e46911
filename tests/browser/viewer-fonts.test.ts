import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SEMINAR_AGENDA } from '../../client/admin/seminar-agenda';
import { expectInk, openBrowser, screenshot } from '../helpers/browser-pages';
import { createSeminarBoard, SEMINAR_NOTES } from '../helpers/seminar-board';
import { addOp } from '../helpers/fixtures';
import { connectClient, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';
import { drawnWithWebFont, loadViewer, waitDrawnWithWebFont } from '../helpers/viewer-load';

/** The issue's budget for a phone's first load of the seminar board on the hall's Wi-Fi. */
const BUDGET_BYTES = 600_000;

describe("the viewer's fonts: the board's own subset", () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = await startTestServer('memory');
    browser = await openBrowser();
    board = await createSeminarBoard(server.url, TEST_ADMIN_TOKEN);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a phone on 1.6 Mbit/s, 150 ms loads one face per weight and stays within 600 kB', async () => {
    // The organiser opens the viewer link once (its first request has the faces built, in
    // 1-3 s on a busy 2-core box); then the hall's phones meet them ready.
    const warm = await loadViewer(browser, board.links.view, null);
    await warm.close();
    for (const which of ['first', 'second'] as const) {
      const load = await loadViewer(browser, board.links.view);
      try {
        console.info(
          `viewer-fonts ${which} phone: ${load.requests} requests, ${Math.round(load.bytes / 1000)} kB ` +
            `(${Object.entries(load.bytesByType)
              .map(([k, v]) => `${k} ${Math.round(v / 1000)}`)
              .join(', ')}), ${load.fontRequests} font files, first full paint ${load.firstPaintMs} ms`,
        );
        expect(load.bytes).toBeLessThanOrEqual(BUDGET_BYTES);
        expect(load.boardFaceRequests).toBe(2);
        // Nothing of the full font's slices: the board's faces hold all its text and the chrome's.
        expect(load.fontRequests).toBe(2);
        // The board's text, the headings and the chrome drawn with Noto Sans JP, not a fallback.
        const { page } = load;
        expect(await drawnWithWebFont(page, SEMINAR_NOTES[1], 400)).toBe(true);
        expect(await drawnWithWebFont(page, SEMINAR_NOTES[0], 700)).toBe(true);
        expect(await drawnWithWebFont(page, SEMINAR_AGENDA[2].title.slice(0, 8), 700)).toBe(true);
        expect(await drawnWithWebFont(page, 'ライブ追従中', 400)).toBe(true);
        await expectInk(page, [[700, 760]]);
        await screenshot(page, `viewer-fonts-${which}`);
        expect(load.errors).toEqual([]);
      } finally {
        await load.close();
      }
    }
  });

  it('text typed later with new characters still renders in the web font (its slices load)', async () => {
    const load = await loadViewer(browser, board.links.view, null);
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    try {
      const { page } = load;
      const fresh = '鬱蒼と茂る欅並木';
      expect(await page.evaluate(() => document.fonts.size)).toBeGreaterThan(2);
      const ack = await recorder.send(
        addOp({
          id: 'late-note',
          type: 'text',
          text: fresh,
          fontSize: 72,
          color: '#1f2328',
          bold: false,
          w: 1200,
          h: 100,
          transform: [1, 0, 0, 1, 200, 1900],
        }),
      );
      expect(ack.ok).toBe(true);
      await expectInk(page, [[260, 1950]], true, 15_000);
      await waitDrawnWithWebFont(page, fresh, 400);
      // The characters the board's face lacks came from the full font's slices.
      expect(
        await page.evaluate(() =>
          [...document.fonts].some(
            (f) => f.family.includes('Noto Sans JP') && !f.family.includes('Board') && f.status === 'loaded',
          ),
        ),
      ).toBe(true);
      await screenshot(page, 'viewer-fonts-late-text');
      expect(load.errors).toEqual([]);
    } finally {
      recorder.close();
      await load.close();
    }
  });

  it('serves a face by its content hash, immutable, and 304 on its ETag; unknown hashes 404', async () => {
    const key = keyOf(board.links.view);
    const manifest = await fetch(`${server.url}/api/boards/${board.id}/fonts?key=${encodeURIComponent(key)}`);
    expect(manifest.status).toBe(200);
    const { faces } = (await manifest.json()) as {
      faces: { weight: number; url: string; unicodeRange: string }[];
    };
    expect(faces.map((f) => f.weight).sort()).toEqual([400, 700]);
    const face = faces[0];
    if (!face) throw new Error('no face');
    const res = await fetch(`${server.url}${face.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('font/woff2');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const etag = res.headers.get('etag') ?? '';
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('wOF2');
    const again = await fetch(`${server.url}${face.url}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await fetch(`${server.url}/api/fonts/${'0'.repeat(32)}.woff2`)).status).toBe(404);
    // Without a key of the board, no list of its characters.
    expect((await fetch(`${server.url}/api/boards/${board.id}/fonts`)).status).toBe(401);
  });
});

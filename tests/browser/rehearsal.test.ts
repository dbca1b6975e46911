import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEMINAR_AGENDA } from '../../client/admin/seminar-agenda';
import { templateMargin } from '../../shared/agenda-layout';
import type { BoardObject } from '../../shared/objects/board-object';
import type { TextRecord } from '../../shared/objects/text';
import { alongStroke, openBrowser, readHook, waitForBoard, type BoardPoint } from '../helpers/browser-pages';
import { cardById, cardOf, downloadVia, summaryOf, POLL } from '../helpers/console-pages';
import { startCutLink, type CutLink } from '../helpers/engines/cut-link';
import type { BoardBox } from '../helpers/ink-map';
import {
  cardLinks,
  createFromProgramme,
  givePublishConsent,
  openOrganiser,
  through,
  waitForCardStatus,
  type Programme,
} from '../helpers/rehearsal-console';
import {
  archiveProblems,
  pdfProblems,
  pngProblems,
  publishProblems,
  type ExpectedBoard,
  type Taken,
} from '../helpers/rehearsal-exports';
import { pictureProblems, takePicture, type Spots } from '../helpers/rehearsal-pictures';
import {
  cutOff,
  mouseStroke,
  openDevice,
  pagePointOf,
  penStroke,
  scrollsSideways,
  waitForRecords,
  type Device,
} from '../helpers/rehearsal-screens';
import {
  bandStrokes,
  BLANK_SPOTS,
  HAND_HEADING,
  seededInkSpots,
  seededStrokes,
  seedNotes,
  ZONES,
} from '../helpers/rehearsal-strokes';
import { getBoardDoc, keyOf } from '../helpers/socket-clients';
import { startTestServer } from '../helpers/test-server';

/** The seminar's programme (shared/fixtures/seminar-programme.json; the console's example). */
const PROGRAMME: Programme = { title: '第21回地域福祉セミナー', date: '2023-11-16', agenda: SEMINAR_AGENDA };
const BOARD = { width: 3840, height: 2160 } as const;
/** Strokes: most seeded through the recorder's key, five by hand, five while the Wi-Fi is down. */
const SEEDED = 2990;
const HAND = bandStrokes(ZONES.hand, 5);
const OFFLINE = bandStrokes(ZONES.offline, 5);
/** How long the recorder's Wi-Fi stays down. */
const DROP_MS = 60_000;

/** The board's title line and the typed heading: lettering that must show on every screen. */
const TITLE_BOX: BoardBox = { minX: 65, minY: 65, maxX: 1600, maxY: 227 };
/** The sheet inside the template's margin: where anything is drawn. */
const MARGIN = templateMargin(BOARD.width, BOARD.height);
const CONTENT: BoardBox = {
  minX: MARGIN,
  minY: MARGIN,
  maxX: BOARD.width - MARGIN,
  maxY: BOARD.height - MARGIN,
};
const HEADING_BOX: BoardBox = { minX: ZONES.heading.x, minY: ZONES.heading.y, maxX: 3420, maxY: 740 };

/** The controls every screen must show whole (inside the viewport, their text not cut). */
const RECORDER_CHROME = [
  'header .title',
  '[data-testid="language"]',
  '[role="toolbar"] button',
  '[data-testid="connection-status"]',
  '[data-testid="save-status"]',
  '[data-testid="reveal-toggle"]',
] as const;
const VIEWER_CHROME = [
  '.title',
  '[data-testid="language"]',
  '[data-testid="follow-toggle"]',
  '[data-testid="connection-status"]',
  '[data-testid="recorder-status"]',
] as const;
/** The card's controls the organiser uses after the event. */
const ORGANISER_CHROME = [
  'h3',
  '[data-testid="board-locked"]',
  '[data-testid="board-lock"]',
  '[data-testid="export-pdf"]',
  '[data-testid="export-png"]',
  '[data-testid="export-archive"]',
  '[data-testid="export-publish"]',
] as const;
/** Phones leave the title chip out by design (the board's own title line says it). */
const PHONE_CHROME = VIEWER_CHROME.filter((sel) => sel !== '.title');
const PROJECTOR_CHROME = ['[data-testid="qr-code"]'] as const;

/** A recorder's connection drops show as failed requests and sockets: expected while cut. */
const NETWORK_ERROR = /WebSocket|net::ERR_|Failed to load resource|Failed to fetch|NetworkError/i;

function textBox(t: TextRecord): BoardBox {
  const [, , , , x, y] = t.transform;
  return { minX: x, minY: y, maxX: x + t.w, maxY: y + t.h };
}

function strokeSpots(strokes: readonly (readonly BoardPoint[])[]): BoardPoint[] {
  return strokes.flatMap((s) => alongStroke(s).filter((_, i) => i % 2 === 0));
}

async function boardDoc(url: string, id: string, viewLink: string) {
  const { body } = await getBoardDoc(url, id, keyOf(viewLink));
  return { seq: body.seq, objects: body.objects as BoardObject[] };
}

async function text(page: Page, testid: string): Promise<string> {
  return (await page.getByTestId(testid).innerText()).trim();
}

describe('rehearsal: the seminar day on every screen', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let link: CutLink;
  let dir: string;
  const devices: Device[] = [];

  beforeAll(async () => {
    server = await startTestServer('memory');
    browser = await openBrowser();
    link = await startCutLink(server.url);
    dir = mkdtempSync(join(tmpdir(), 'grareco-rehearsal-'));
  });
  afterAll(async () => {
    for (const d of devices) await d.close().catch(() => undefined);
    await browser?.close();
    await link?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('organiser, recorder, hall, Zoom and phones from creation to the exports', async () => {
    const started = Date.now();
    const phase = (what: string) =>
      console.log(`[rehearsal] ${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);

    // ── Before: the organiser types the programme into the console and hands out the links.
    const organiser = await openOrganiser(browser, server.url);
    devices.push(organiser);
    const console_ = organiser.page;
    const created = await createFromProgramme(console_, PROGRAMME);
    const boardId = (await created.getAttribute('data-board-id')) ?? '';
    // By id from here on: the re-imported archive brings a second card of the same title.
    const card = cardById(console_, boardId);
    const links = await cardLinks(card);
    const heading = card.getByRole('heading', { level: 3, name: PROGRAMME.title, exact: true });
    // The new card's title sits below the sticky header, whole and on top.
    expect(await cutOff(console_, ['[data-testid="language"]', `[data-board-id="${boardId}"] h3`])).toEqual(
      [],
    );
    const titleAt = await heading.boundingBox();
    const onTop = await console_.evaluate(
      ([x, y]) => document.elementFromPoint(x, y)?.closest('h3')?.textContent ?? null,
      [(titleAt?.x ?? 0) + 10, (titleAt?.y ?? 0) + (titleAt?.height ?? 0) / 2] as const,
    );
    expect(onTop).toBe(PROGRAMME.title);
    expect(await scrollsSideways(console_)).toBe(false);
    // Opened through http://127.0.0.1: the console says the links will not reach the hall.
    expect(await console_.getByTestId('link-warning').isVisible()).toBe(true);
    // The page scrolled to the new card, past that warning: the card says it beside its links.
    const cardWarning = await card.getByTestId('card-link-warning').boundingBox();
    const screenHeight = console_.viewportSize()?.height ?? 0;
    expect(cardWarning && cardWarning.y >= 0 && cardWarning.y + cardWarning.height <= screenHeight).toBe(
      true,
    );
    await takePicture(organiser, 'organiser-created');
    const template = await boardDoc(server.url, boardId, links.view);
    expect(
      template.objects.filter((o) => o.type === 'text').map((o) => (o as { text: string }).text),
    ).toEqual(expect.arrayContaining([PROGRAMME.title, ...SEMINAR_AGENDA.map((a) => a.title)]));
    phase('board created from the programme');

    // The recorder's tablet reaches the server over the hall Wi-Fi (a relay the test can cut).
    const phone = { touch: true, mobile: true } as const;
    const [recorder, projector, zoom, portrait, landscape] = await Promise.all([
      openDevice(browser, 'tablet', through(link.url, links.draw), { touch: true }),
      openDevice(browser, 'projector', `${links.present}&qr=1`),
      openDevice(browser, 'zoom', links.view),
      openDevice(browser, 'phonePortrait', links.view, phone),
      openDevice(browser, 'phoneLandscape', links.view, phone),
    ]);
    const audience = [projector, zoom, portrait, landscape];
    const viewers = [zoom, portrait, landscape];
    devices.push(recorder, ...audience);
    const chromeOf = (d: Device) =>
      d === projector ? PROJECTOR_CHROME : d === zoom ? VIEWER_CHROME : PHONE_CHROME;
    await Promise.all([recorder, ...audience].map((d) => waitForBoard(d.page)));
    await waitForCardStatus(card, 'online', audience.length);
    phase('every screen online');

    // ── During: the recorder's notes (seeded through the recorder's own key, as a long
    // session's backlog), then a heading typed and strokes drawn on the tablet by hand.
    const seededOps = await seedNotes(server.url, boardId, links.draw, seededStrokes(SEEDED));
    const seeded = await boardDoc(server.url, boardId, links.view);
    expect(seeded.objects).toHaveLength(template.objects.length + SEEDED);
    expect(seeded.seq).toBe(template.seq + seededOps);
    await Promise.all(
      [recorder, ...audience].map((d) => waitForRecords(d.page, seeded.objects.length, seeded.seq)),
    );
    phase(`${SEEDED} strokes seeded in ${seededOps} ops, on every screen`);

    const { page: tablet } = recorder;
    await tablet.getByTestId('tool-text').click();
    await tablet.getByTestId('text-size-heading').click();
    const at = await pagePointOf(tablet, [ZONES.heading.x, ZONES.heading.y + 48]);
    await tablet.mouse.click(at.x, at.y);
    const editor = tablet.getByTestId('text-editor');
    await editor.waitFor();
    await tablet.keyboard.insertText(HAND_HEADING);
    await tablet.keyboard.press('Control+Enter');
    await editor.waitFor({ state: 'detached' });
    await tablet.getByTestId('tool-marker').click();
    for (const [i, stroke] of HAND.entries()) {
      if (i % 2 === 0) await penStroke(recorder, stroke);
      else await mouseStroke(tablet, stroke);
    }
    const byHand = template.objects.length + SEEDED + 1 + HAND.length;
    await tablet.waitForFunction(
      (n) => window.__grareco?.objectCount === n && window.__grareco.saveState === 'saved',
      byHand,
      {
        timeout: 30_000,
      },
    );
    const online = await boardDoc(server.url, boardId, links.view);
    expect(online.objects).toHaveLength(byHand);
    const typed = online.objects.find(
      (o) => o.type === 'text' && (o as { text: string }).text === HAND_HEADING,
    );
    expect(typed, 'the typed heading is stored as typed').toBeDefined();
    phase('heading and strokes drawn by hand');

    // The programme's lettering (title, times, headings: the top-right corner too) and the typed heading.
    const lettering = template.objects.filter((o): o is TextRecord => o.type === 'text').map(textBox);
    const before: Spots = {
      ink: [...seededInkSpots(SEEDED), ...strokeSpots(HAND)],
      blank: [...BLANK_SPOTS, ...strokeSpots(OFFLINE)],
      boxes: [...lettering, HEADING_BOX],
    };
    // The hall, Zoom and the phones see the sheet's whole content with nothing over it. (The
    // recorder's floating view controls may sit over an edge of the sheet: the recorder pans;
    // there only the spots are asked to be clear.)
    const seen: Spots = { ...before, open: CONTENT };

    // ── The recorder's Wi-Fi drops for a minute; the recorder goes on drawing.
    await tablet.waitForFunction(() => window.__grareco?.storing === 0);
    const cutAt = Date.now();
    link.cut();
    await tablet.waitForFunction(() => window.__grareco?.connection !== 'online', null, { timeout: 30_000 });
    for (const [i, stroke] of OFFLINE.entries()) {
      if (i % 2 === 0) await mouseStroke(tablet, stroke);
      else await penStroke(recorder, stroke);
    }
    await tablet.waitForFunction(
      (n) => window.__grareco?.pendingCount === n && window.__grareco.storing === 0,
      OFFLINE.length,
    );
    expect(await text(tablet, 'connection-status')).toMatch(/再接続中|オフライン/);
    expect(await text(tablet, 'save-status')).toBe(`未送信 ${OFFLINE.length} 件`);
    const offlineInk: Spots = {
      ...before,
      ink: [...before.ink, ...strokeSpots(OFFLINE)],
      blank: BLANK_SPOTS,
    };
    expect(await pictureProblems(recorder, 'recorder-offline', offlineInk)).toEqual([]);
    expect(await cutOff(tablet, RECORDER_CHROME)).toEqual([]);
    phase('drawn while the Wi-Fi is down');

    // Meanwhile the hall, Zoom and the phones keep the board, say the recorder is away and
    // show nothing of what has not arrived.
    await waitForCardStatus(card, 'offline', audience.length);
    for (const v of viewers) {
      await v.page
        .getByTestId('recorder-status')
        .filter({ hasText: '記録者 未接続' })
        .waitFor({ timeout: 30_000 });
    }
    for (const d of audience) {
      expect(await pictureProblems(d, `${d.name}-during-drop`, seen), d.name).toEqual([]);
      expect(await cutOff(d.page, chromeOf(d)), d.name).toEqual([]);
      expect(await scrollsSideways(d.page), d.name).toBe(false);
    }
    expect((await boardDoc(server.url, boardId, links.view)).seq).toBe(online.seq);
    phase('audience checked during the drop');

    await tablet.waitForTimeout(Math.max(0, cutAt + DROP_MS - Date.now()));
    link.restore();
    await tablet.waitForFunction(
      () => window.__grareco?.connection === 'online' && window.__grareco.saveState === 'saved',
      null,
      { timeout: 60_000, polling: 250 },
    );
    phase(`link back after ${((Date.now() - cutAt) / 1000).toFixed(0)} s`);
    // Everything drawn while cut arrived exactly once: one commit per stroke, no duplicates.
    const after = await boardDoc(server.url, boardId, links.view);
    expect(after.seq).toBe(online.seq + OFFLINE.length);
    expect(after.objects).toHaveLength(online.objects.length + OFFLINE.length);
    expect(new Set(after.objects.map((o) => o.id)).size).toBe(after.objects.length);
    expect(after.objects.filter((o) => o.type === 'stroke')).toHaveLength(
      SEEDED + HAND.length + OFFLINE.length,
    );
    expect(await text(tablet, 'save-status')).not.toMatch(/未送信/);

    const all: Spots = { ink: offlineInk.ink, blank: BLANK_SPOTS, boxes: before.boxes };
    await waitForCardStatus(card, 'online', audience.length);
    for (const d of audience) {
      await waitForRecords(d.page, after.objects.length, after.seq, 30_000);
      expect(await pictureProblems(d, `${d.name}-after-drop`, { ...all, open: CONTENT }), d.name).toEqual([]);
    }
    for (const v of viewers) {
      await v.page
        .getByTestId('recorder-status')
        .filter({ hasText: '記録者 接続中' })
        .waitFor({ timeout: 30_000 });
    }
    phase('every screen shows the strokes drawn offline');

    // ── After: the organiser locks the board; the tablet's tools go off, the bar stays whole.
    await card.getByTestId('board-lock').click();
    await card.getByTestId('board-locked').waitFor();
    await tablet.getByTestId('locked-status').waitFor();
    for (const tool of ['tool-pen', 'tool-marker', 'tool-text', 'tool-eraser']) {
      const button = tablet.getByTestId(tool);
      const off = (await button.isDisabled()) || (await button.getAttribute('aria-disabled')) === 'true';
      expect(off, `${tool} is off on a locked board`).toBe(true);
    }
    expect(await tablet.getByRole('alert').filter({ visible: true }).count()).toBe(1);
    expect(await pictureProblems(recorder, 'recorder-locked', { ...all, ink: all.ink.slice(0, 6) })).toEqual(
      [],
    );
    expect(await cutOff(tablet, RECORDER_CHROME)).toEqual([]);
    await console_.evaluate(() => window.scrollTo(0, 0));
    expect(
      await cutOff(
        console_,
        ORGANISER_CHROME.map((sel) => `[data-board-id="${boardId}"] ${sel}`),
      ),
    ).toEqual([]);
    await takePicture(organiser, 'organiser-locked');
    phase('locked');

    // The exports, each checked as what it is.
    const locked = await boardDoc(server.url, boardId, links.view);
    expect(locked.seq).toBe(after.seq);
    const expected: ExpectedBoard = {
      ...PROGRAMME,
      ...BOARD,
      words: [PROGRAMME.title, HAND_HEADING, '開会', '休憩', '閉会', 'パネルディスカッション'],
      inked: [ZONES.seeded, ZONES.hand, ZONES.offline, TITLE_BOX],
    };
    const take = (testid: string): Promise<Taken> => downloadVia(console_, card.getByTestId(testid));
    await card.getByTestId('export-pdf-page').selectOption('board');
    expect(pdfProblems(await take('export-pdf'), expected, 'pdfBoard', dir)).toEqual([]);
    await card.getByTestId('export-pdf-page').selectOption('a3');
    expect(pdfProblems(await take('export-pdf'), expected, 'pdfA3', dir)).toEqual([]);
    expect(pngProblems(await take('export-png'), expected).problems).toEqual([]);
    const archiveFile = await take('export-archive');
    expect(archiveProblems(archiveFile, expected, locked.seq).problems).toEqual([]);
    phase('PDF (board, A3), PNG and archive');

    // The archive goes back in as a new board with the same log.
    await console_.getByTestId('import-archive').setInputFiles({
      name: archiveFile.name,
      mimeType: 'application/json',
      buffer: archiveFile.bytes,
    });
    await expect.poll(() => cardOf(console_, PROGRAMME.title).count(), { ...POLL, timeout: 60_000 }).toBe(2);
    const importedId = (await cardOf(console_, PROGRAMME.title).first().getAttribute('data-board-id')) ?? '';
    expect(importedId).not.toBe(boardId);
    expect((await summaryOf(server.url, importedId))?.seq).toBe(locked.seq);

    // Publishing waits for the consent recorded in the card's settings.
    await givePublishConsent(console_, card);
    const bundle = await take('export-publish');
    expect(await publishProblems(bundle, expected, server.url, dir)).toEqual([]);
    phase('archive re-imported, publish bundle');

    expect(organiser.errors).toEqual([]);
    expect(recorder.errors.filter((e) => !NETWORK_ERROR.test(e))).toEqual([]);
    for (const d of audience) expect(d.errors, d.name).toEqual([]);
    expect((await readHook(tablet)).pendingCount).toBe(0);
  }, 300_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardObject } from '../../../shared/objects/board-object';
import type { Stroke } from '../../../shared/objects/stroke';
import type { TextRecord } from '../../../shared/objects/text';
import { addOp, makeStroke, makeText } from '../fixtures';
import {
  connectClient,
  createBoard,
  getBoardDoc,
  keyOf,
  sendAll,
  type CreatedBoard,
} from '../socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../test-server';
import {
  alongStroke,
  boardToPage,
  expectScreenInk,
  pageErrors,
  readHook,
  screenInkShare,
  trackErrors,
  waitForBoard,
  waitForHook,
  waitInPage,
  type BoardPoint,
} from './board-pages';
import { startCutLink, type CutLink } from './cut-link';
import type { Engine, EngineName, EnginePage } from './engine';

/** Kana, kanji, long vowel mark, full-width punctuation and digits: must come back byte for byte. */
export const JAPANESE_TEXT = '重層的支援体制「ひきこもり・ヤングケアラー」～令和７年度ー相談窓口';

/** Where nothing is ever drawn on these boards: a screenshot showing ink here is wrong. */
const BLANK: readonly BoardPoint[] = [
  [3400, 1900],
  [300, 1900],
];

const strokeA: [BoardPoint, ...BoardPoint[]] = [
  [600, 500],
  [1200, 800],
  [1800, 500],
];
const strokeB: BoardPoint[] = [
  [600, 1200],
  [1200, 1500],
  [1800, 1200],
];
const offlineStrokes: BoardPoint[][] = [0, 1, 2].map((i) => [
  [500 + i * 900, 900],
  [800 + i * 900, 1100],
  [1100 + i * 900, 900],
]);

/** 300 short strokes in 15 rows of 20 over the board (never at BLANK): a late viewer's board. */
const LATE_STROKES: Stroke[] = Array.from({ length: 300 }, (_, i) => {
  const stroke = makeStroke(300 + (i % 20) * 150, 300 + Math.floor(i / 20) * 100, 20);
  stroke.points = stroke.points.map(([x, , p], k) => [x - k * 5, 300 + Math.floor(i / 20) * 100, p]);
  return stroke;
});
/** Middles of the first and the last of them. */
const LATE_INKED: readonly BoardPoint[] = [
  [345, 300],
  [3195, 1700],
];

async function objectsOf(url: string, board: CreatedBoard) {
  const doc = await getBoardDoc(url, board.id, keyOf(board.links.view));
  return { seq: doc.body.seq, objects: doc.body.objects as BoardObject[] };
}

/** The same link with the cut link's origin, so the page talks to the server through it. */
function through(link: CutLink, url: string): string {
  const u = new URL(url);
  return `${link.url}${u.pathname}${u.search}`;
}

/** Opens a page and starts keeping its errors once the board is there. */
async function openBoard(engine: Engine, url: string, online = true): Promise<EnginePage> {
  const page = await engine.newPage(url);
  try {
    await waitForBoard(page, { online });
    await trackErrors(page);
    return page;
  } catch (err) {
    await page.close();
    throw err;
  }
}

/** The polyline sampled every `step` board units, as a hand's pointer moves report it. */
function densify(points: readonly BoardPoint[], step = 40): BoardPoint[] {
  const out: BoardPoint[] = points.slice(0, 1);
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1] as BoardPoint;
    const [bx, by] = points[i] as BoardPoint;
    const n = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / step));
    for (let k = 1; k <= n; k++) out.push([ax + ((bx - ax) * k) / n, ay + ((by - ay) * k) / n]);
  }
  return out;
}

async function drawMouse(page: EnginePage, stroke: readonly BoardPoint[]): Promise<void> {
  await page.mouseStroke(await boardToPage(page, densify(stroke)));
}

/** A long diagonal pen line: thick enough to see in a screenshot of the whole board. */
function seededStroke(): Stroke {
  const stroke = makeStroke(0, 0);
  stroke.size = 24;
  stroke.points = Array.from({ length: 40 }, (_, i) => [600 + i * 40, 400 + i * 20, 0.6]);
  return stroke;
}

/** Whether the page's fonts hold glyphs for the text from the app's Noto Sans JP web font. */
function notoLoaded(page: EnginePage, text: string, bold: boolean): Promise<boolean> {
  return page.evaluate(
    async ({ t, weight }) => {
      await document.fonts.ready;
      // Viewers and the projector draw with the board's own subset ("Noto Sans JP Board"), the
      // recorder with the full font's slices: either is the app's web font, never a system one.
      const loaded = new Set(
        [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/["']/g, '')),
      );
      const family = loaded.has('Noto Sans JP Board') ? 'Noto Sans JP Board' : 'Noto Sans JP';
      return loaded.has(family) && document.fonts.check(`${weight} 72px "${family}"`, t);
    },
    { t: text, weight: bold ? 700 : 400 },
  );
}

/**
 * The flows every engine must pass: a recorder goes online and saves a stroke a viewer shows;
 * typed Japanese is stored exactly; strokes drawn offline survive a reload and arrive once;
 * the viewer and projector paint the board (seen in a screenshot); drawing goes on after a pen
 * or touch gesture. One server and one cut link per engine; each flow its own board.
 */
export function describeCoreFlows(name: EngineName, launch: () => Promise<Engine>, available: boolean): void {
  describe.runIf(available)(`core flows in ${name}`, () => {
    let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
    let link: CutLink | undefined;
    let engine: Engine | undefined;
    const pages: EnginePage[] = [];

    beforeAll(async () => {
      server = await startTestServer('memory');
      link = await startCutLink(server.url);
      engine = await launch();
    });
    afterAll(async () => {
      await Promise.allSettled(pages.map((p) => p.close()));
      await engine?.close();
      await link?.close();
      await server?.stop();
    });

    function env() {
      if (!server || !link || !engine) throw new Error('the engine suite is not started');
      return { url: server.url, link, engine };
    }
    async function open(url: string, online = true): Promise<EnginePage> {
      const page = await openBoard(env().engine, url, online);
      pages.push(page);
      return page;
    }
    async function done(...opened: EnginePage[]): Promise<void> {
      for (const p of opened) {
        expect(await pageErrors(p)).toEqual([]);
        pages.splice(pages.indexOf(p), 1);
        await p.close();
      }
    }

    it('goes online, saves a mouse stroke, and a viewer shows it', async () => {
      const { url, engine } = env();
      const board = await createBoard(url, TEST_ADMIN_TOKEN, `${name}: 線`);
      const recorder = await open(board.links.draw);
      const viewer = await open(board.links.view);
      expect(
        await recorder.evaluate(
          () => document.querySelector('[data-testid="connection-status"]')?.getAttribute('data-state'),
          null,
        ),
      ).toBe('online');

      await drawMouse(recorder, strokeA);
      await waitForHook(recorder, 'the stroke saved', (h) => h.objectCount === 1 && h.saveState === 'saved');
      const { objects } = await objectsOf(url, board);
      expect(objects).toHaveLength(1);
      const [stroke] = objects as Stroke[];
      expect(stroke?.type).toBe('stroke');
      // The drag reached the store, not only a dot: it spans the three board points.
      const xs = (stroke?.points ?? []).map((p) => p[0]);
      expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(1000);

      await waitForHook(viewer, 'the viewer has the stroke', (h) => h.objectCount === 1);
      await expectScreenInk(viewer, `engines-${name}-viewer-stroke`, alongStroke(strokeA), BLANK);
      expect(engine.name).toBe(name);
      await done(recorder, viewer);
    });

    it('stores typed Japanese text exactly', async () => {
      const { url } = env();
      const board = await createBoard(url, TEST_ADMIN_TOKEN, `${name}: 文字`);
      const recorder = await open(board.links.draw);
      await recorder.click('[data-testid="tool-text"]');
      const [at] = await boardToPage(recorder, [[800, 600]]);
      if (!at) throw new Error('no point');
      await recorder.clickAt(at);
      await waitInPage(
        recorder,
        'the focused text editor',
        () => (document.activeElement as HTMLElement | null)?.dataset.testid === 'text-editor',
        null,
      );
      await recorder.typeText(JAPANESE_TEXT);
      expect(
        await recorder.evaluate(
          () => document.querySelector<HTMLTextAreaElement>('[data-testid="text-editor"]')?.value,
          null,
        ),
      ).toBe(JAPANESE_TEXT);
      await recorder.pressCtrlEnter();
      await waitInPage(
        recorder,
        'the editor to close',
        () => document.querySelector('[data-testid="text-editor"]') === null,
        null,
      );
      await waitForHook(recorder, 'the text saved', (h) => h.objectCount === 1 && h.saveState === 'saved');
      const { objects } = await objectsOf(url, board);
      expect(objects).toHaveLength(1);
      const [text] = objects as TextRecord[];
      expect(text?.type).toBe('text');
      expect(text?.text).toBe(JAPANESE_TEXT);
      // Drawn on the board in the app's own font: no system CJK font could stand in here.
      expect(await notoLoaded(recorder, JAPANESE_TEXT, text?.bold ?? false)).toBe(true);
      const [x = 0, y = 0] = [text?.transform[4], text?.transform[5]];
      const box = { minX: x, minY: y, maxX: x + (text?.w ?? 0), maxY: y + (text?.h ?? 0) };
      await expect
        .poll(() => screenInkShare(recorder, `engines-${name}-recorder-text`, box))
        .toBeGreaterThan(0.03);
      await done(recorder);
    });

    it('shows a board on the viewer and the projector, as pixels on the screen', async () => {
      const { url } = env();
      const board = await createBoard(url, TEST_ADMIN_TOKEN, `${name}: 表示`);
      const writer = await connectClient(url, board.id, keyOf(board.links.draw));
      const stroke = seededStroke();
      const label = '地域共生社会';
      const text = makeText('engine-text', label, 600, 1300);
      await sendAll(writer, [addOp(stroke, text)]);
      writer.close();
      const inked = alongStroke(stroke.points.filter((_, i) => i % 8 === 0).map(([x, y]) => [x, y] as const));
      // Glyph strokes of 72-unit bold lettering near the start of the line.
      const textBox = { minX: 600, minY: 1300, maxX: 600 + 72 * label.length, maxY: 1400 };

      for (const [role, link] of [
        ['viewer', board.links.view],
        ['projector', board.links.present],
      ] as const) {
        const page = await open(link);
        await waitForHook(page, 'both records', (h) => h.objectCount === 2);
        expect(await notoLoaded(page, label, text.bold)).toBe(true);
        await expectScreenInk(page, `engines-${name}-${role}`, inked, BLANK);
        await expect
          .poll(() => screenInkShare(page, `engines-${name}-${role}-text`, textBox))
          .toBeGreaterThan(0.03);
        await done(page);
      }
    });

    it('keeps strokes drawn offline through a reload and delivers each once', async () => {
      const { url, link } = env();
      const board = await createBoard(url, TEST_ADMIN_TOKEN, `${name}: 圏外`);
      const recorder = await open(through(link, board.links.draw));
      // The service worker holds the app shell before the network goes.
      await waitInPage(
        recorder,
        'the service worker with the shell',
        async () =>
          navigator.serviceWorker.controller !== null && (await caches.match('/__shell')) !== undefined,
        null,
        30_000,
      );
      await waitForHook(recorder, 'the board stored', (h) => h.storing === 0);

      link.cut();
      await waitForHook(recorder, 'the link down', (h) => h.connection !== 'online');
      for (const s of offlineStrokes) await drawMouse(recorder, s);
      await waitForHook(
        recorder,
        'three strokes queued on the device',
        (h) => h.pendingCount === 3 && h.storing === 0 && h.saveState === 'pending',
      );

      await recorder.reload();
      await waitForBoard(recorder, { online: false });
      await waitForHook(
        recorder,
        'the queue after the reload',
        (h) => h.pendingCount === 3 && h.objectCount === 3,
      );
      expect((await readHook(recorder))?.connection).not.toBe('online');
      const inked = offlineStrokes.flatMap((s) => alongStroke(s));
      await expectScreenInk(recorder, `engines-${name}-offline-reloaded`, inked, BLANK);
      expect((await objectsOf(url, board)).seq).toBe(0);
      await trackErrors(recorder);

      link.restore();
      await waitForHook(
        recorder,
        'the queue delivered',
        (h) => h.saveState === 'saved' && h.connection === 'online',
        30_000,
      );
      const after = await objectsOf(url, board);
      expect(after.objects).toHaveLength(3);
      // One commit per stroke: a resent op was not applied twice.
      expect(after.seq).toBe(3);
      expect((await readHook(recorder))?.objectCount).toBe(3);
      await done(recorder);
    });

    it('paints a late viewer’s board of 300 strokes with their outlines ranked on a worker', async () => {
      const { url } = env();
      const board = await createBoard(url, TEST_ADMIN_TOKEN, `${name}: 遅れて参加`);
      const writer = await connectClient(url, board.id, keyOf(board.links.draw));
      await sendAll(writer, [addOp(...LATE_STROKES.slice(0, 200)), addOp(...LATE_STROKES.slice(200))]);
      writer.close();
      const viewer = await open(board.links.view);
      await waitForHook(viewer, 'the viewer has the board', (h) => h.objectCount === LATE_STROKES.length);
      // The iPad's recorder reloading a full board takes this path too: the engine's module
      // worker must run, not only the fallback on the page's own thread.
      expect(await viewer.evaluate(() => window.__grareco?.outlinesRankedOffThread ?? 0, null)).toBe(
        LATE_STROKES.length,
      );
      await expectScreenInk(viewer, `engines-${name}-late-viewer`, LATE_INKED, BLANK);
      await done(viewer);
    });

    it('goes on drawing with the mouse after a pen or touch gesture', async () => {
      const { url, engine } = env();
      const board = await createBoard(url, TEST_ADMIN_TOKEN, `${name}: ペン`);
      const recorder = await open(board.links.draw);
      await recorder.stylusStroke(engine.stylus, await boardToPage(recorder, densify(strokeA)));
      await drawMouse(recorder, strokeB);
      await waitForHook(
        recorder,
        'both strokes saved',
        (h) => h.objectCount === 2 && h.saveState === 'saved',
      );
      const { objects } = await objectsOf(url, board);
      expect(objects.map((o) => o.type)).toEqual(['stroke', 'stroke']);
      const [stylus, mouse] = objects as Stroke[];
      const spans = (s: Stroke | undefined) => {
        const xs = (s?.points ?? []).map((p) => p[0]);
        return Math.max(...xs) - Math.min(...xs);
      };
      // The stylus stroke is kept from where it touched down, whole when its moves came.
      const [x0, y0] = stylus?.points[0] ?? [NaN, NaN];
      expect(Math.hypot(x0 - strokeA[0][0], y0 - strokeA[0][1])).toBeLessThan(8);
      if (engine.stylusDrags) expect(spans(stylus)).toBeGreaterThan(1000);
      expect(spans(mouse)).toBeGreaterThan(1000);
      const stylusInk: BoardPoint[] = engine.stylusDrags ? alongStroke(strokeA) : [[x0, y0]];
      await expectScreenInk(
        recorder,
        `engines-${name}-after-stylus`,
        [...stylusInk, ...alongStroke(strokeB)],
        BLANK,
      );
      await done(recorder);
    });
  });
}

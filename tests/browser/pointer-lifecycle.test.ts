import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Point } from '../../shared/objects/stroke';
import {
  alongStroke,
  boardToPage,
  drawStroke,
  expectInk,
  openPage,
  screenshot,
  waitForBoard,
  type BoardPoint,
} from '../helpers/browser-pages';
import { useBrowserBoard } from '../helpers/browser-setup';
import { getBoardDoc, keyOf, type CreatedBoard } from '../helpers/socket-clients';

/**
 * Pointer cases a driver cannot produce, as synthetic PointerEvents dispatched where a real one
 * would land (the topmost element under the point): a pointerup that never comes, lost capture,
 * coalesced samples with a foreign pointerId, a pen that reports pressure 0 while pressed.
 */

interface Sent {
  type: 'pointerdown' | 'pointermove' | 'pointerup';
  id: number;
  at: BoardPoint;
  pressure?: number;
  /** 'pen' unless told. */
  pointerType?: 'pen' | 'touch';
  /** Coalesced samples of a pointermove (the event's own point is the last of them). */
  coalesced?: { id: number; at: readonly BoardPoint[] };
}

interface StoredStroke {
  id: string;
  type: string;
  simulatePressure: boolean;
  points: Point[];
}

async function send(page: Page, ev: Sent): Promise<void> {
  const at = await boardToPage(page, ev.at[0], ev.at[1]);
  const samples = ev.coalesced
    ? await Promise.all(ev.coalesced.at.map(([x, y]) => boardToPage(page, x, y)))
    : [];
  await page.evaluate(
    ({ type, id, x, y, pressure, samples, sampleId, pointerType }) => {
      const base: PointerEventInit = {
        pointerType,
        isPrimary: true,
        bubbles: true,
        cancelable: true,
        composed: true,
        button: type === 'pointermove' ? -1 : 0,
        buttons: type === 'pointerup' ? 0 : 1,
      };
      const coalescedEvents = samples.map(
        (s) =>
          new PointerEvent('pointermove', {
            ...base,
            pointerId: sampleId,
            clientX: s.x,
            clientY: s.y,
            pressure,
          }),
      );
      const target = document.elementFromPoint(x, y);
      if (!target) throw new Error(`nothing at ${x},${y}`);
      target.dispatchEvent(
        new PointerEvent(type, { ...base, pointerId: id, clientX: x, clientY: y, pressure, coalescedEvents }),
      );
    },
    {
      type: ev.type,
      id: ev.id,
      x: at.x,
      y: at.y,
      pressure: ev.pressure ?? (ev.type === 'pointerup' ? 0 : 0.6),
      samples,
      sampleId: ev.coalesced?.id ?? ev.id,
      pointerType: ev.pointerType ?? 'pen',
    },
  );
}

/** A stroke of one pointer (a pen unless told) in a line: down, `steps` moves, up if `lift`. */
async function penLine(
  page: Page,
  id: number,
  from: BoardPoint,
  to: BoardPoint,
  opts: { lift?: boolean; pressure?: number; steps?: number; pointerType?: 'pen' | 'touch' } = {},
): Promise<void> {
  const steps = opts.steps ?? 10;
  const { pressure, pointerType } = opts;
  await send(page, { type: 'pointerdown', id, at: from, pressure, pointerType });
  for (let i = 1; i <= steps; i++) {
    const at: BoardPoint = [
      from[0] + ((to[0] - from[0]) * i) / steps,
      from[1] + ((to[1] - from[1]) * i) / steps,
    ];
    await send(page, { type: 'pointermove', id, at, pressure, pointerType });
  }
  if (opts.lift ?? true) await send(page, { type: 'pointerup', id, at: to, pointerType });
}

async function waitSaved(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (count) => window.__grareco?.objectCount === count && window.__grareco.saveState === 'saved',
    n,
  );
}

/** The board's strokes as the server stores them, top to bottom by their first point. */
async function storedStrokes(url: string, board: CreatedBoard): Promise<StoredStroke[]> {
  const doc = await getBoardDoc(url, board.id, keyOf(board.links.view));
  const strokes = (doc.body.objects as unknown as StoredStroke[]).filter((o) => o.type === 'stroke');
  return strokes.sort((a, b) => (a.points[0]?.[1] ?? 0) - (b.points[0]?.[1] ?? 0));
}

const xs = (s: StoredStroke | undefined): number[] => (s?.points ?? []).map((p) => p[0]);

describe('pointer lifecycle', () => {
  const env = useBrowserBoard();

  it('a pointerup that never comes does not stop drawing: the held stroke is kept', async () => {
    const board = await env().newBoard('失われた pointerup');
    const recorder = await openPage(env().browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);

    // Another pen id after a lost pointerup (one stylus cannot press twice).
    await penLine(page, 11, [600, 400], [1400, 400], { lift: false });
    await penLine(page, 12, [600, 600], [1400, 600]);
    await waitSaved(page, 2);
    // The same id going down again.
    await penLine(page, 13, [600, 800], [1400, 800], { lift: false });
    await penLine(page, 13, [600, 1000], [1400, 1000]);
    await waitSaved(page, 4);
    // A mouse after a pen gone quiet (a pen and a mouse may overlap, so only after a while).
    await penLine(page, 14, [600, 1200], [1400, 1200], { lift: false });
    await page.waitForTimeout(700);
    await drawStroke(page, [
      [600, 1400],
      [1400, 1400],
    ]);
    await waitSaved(page, 6);

    const strokes = await storedStrokes(env().url, board);
    expect(strokes.map((s) => s.points[0]?.[1])).toEqual([400, 600, 800, 1000, 1200, 1400]);
    for (const s of strokes) {
      // Every stroke has its moves, the held ones up to where the pen was last seen.
      expect(s.points.length).toBeGreaterThanOrEqual(10);
      expect(Math.min(...xs(s))).toBe(600);
      expect(Math.max(...xs(s))).toBe(1400);
    }
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });

  it('a finger lifted unheard is forgotten when the next first finger lands (no pinch)', async () => {
    const board = await env().newBoard('指');
    const recorder = await openPage(env().browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    const before = await page.evaluate(() => [...(window.__grareco?.viewport ?? [])]);

    // A primary touch means no other finger is down: the first one's stroke is kept, the
    // second draws instead of pinching with a finger that is gone.
    await penLine(page, 51, [600, 600], [1400, 600], { lift: false, pointerType: 'touch' });
    await penLine(page, 52, [600, 900], [1400, 900], { pointerType: 'touch' });
    await waitSaved(page, 2);
    const strokes = await storedStrokes(env().url, board);
    expect(strokes.map((s) => [s.points[0]?.[1], Math.max(...xs(s))])).toEqual([
      [600, 1400],
      [900, 1400],
    ]);
    expect(await page.evaluate(() => [...(window.__grareco?.viewport ?? [])])).toEqual(before);
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });

  it('lost pointer capture ends the stroke where it was; the next stroke draws', async () => {
    const board = await env().newBoard('lostpointercapture');
    const recorder = await openPage(env().browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="board"]');
      el?.addEventListener('pointerdown', (e) => (el.dataset.pointer = String(e.pointerId)));
    });

    // A real mouse (its capture is real): halfway along, the board loses the capture.
    await drawStroke(
      page,
      [
        [600, 600],
        [1000, 600],
      ],
      { lift: false },
    );
    const released = await page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('[data-testid="board"]');
      const id = Number(el?.dataset.pointer);
      const had = el?.hasPointerCapture(id) ?? false;
      el?.releasePointerCapture(id);
      return had;
    });
    expect(released).toBe(true);
    const end = await boardToPage(page, 1600, 600);
    await page.mouse.move(end.x, end.y, { steps: 12 });
    await page.mouse.up();
    await waitSaved(page, 1);
    await drawStroke(page, [
      [600, 900],
      [1600, 900],
    ]);
    await waitSaved(page, 2);

    const [cut, next] = await storedStrokes(env().url, board);
    expect(cut?.points.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...xs(cut))).toBeLessThanOrEqual(1010);
    expect(Math.max(...xs(next))).toBe(1600);
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });

  it('coalesced samples with another pointerId are the stroke’s own', async () => {
    const board = await env().newBoard('coalesced');
    const recorder = await openPage(env().browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);
    const seen = page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const el = document.querySelector<HTMLElement>('[data-testid="board"]');
          el?.addEventListener(
            'pointermove',
            (e) => resolve([e.pointerId, ...e.getCoalescedEvents().map((c) => c.pointerId)]),
            { once: true },
          );
        }),
    );

    // Five pointermoves, each carrying four samples of a wave, all with another id.
    const wave = (i: number): BoardPoint => [600 + i * 40, Math.round(800 + 150 * Math.sin(i / 3))];
    await send(page, { type: 'pointerdown', id: 31, at: wave(0) });
    for (let m = 0; m < 5; m++) {
      const at = [1, 2, 3, 4].map((k) => wave(m * 4 + k));
      await send(page, { type: 'pointermove', id: 31, at: at[3] as BoardPoint, coalesced: { id: 9031, at } });
    }
    await send(page, { type: 'pointerup', id: 31, at: wave(20) });
    expect(await seen).toEqual([31, 9031, 9031, 9031, 9031]);
    await waitSaved(page, 1);

    const [stroke] = await storedStrokes(env().url, board);
    expect(stroke?.points.map((p) => [p[0], p[1]])).toEqual(Array.from({ length: 21 }, (_, i) => wave(i)));
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });

  it('a pen reporting pressure 0 while pressed draws visible ink with simulated pressure', async () => {
    const board = await env().newBoard('筆圧 0');
    const recorder = await openPage(env().browser, board.links.draw);
    const { page } = recorder;
    await waitForBoard(page);

    const line: BoardPoint[] = [
      [600, 700],
      [2000, 700],
    ];
    await penLine(page, 41, line[0] as BoardPoint, line[1] as BoardPoint, { pressure: 0, steps: 14 });
    // A pen with pressure that drops to 0 on the way (and 0 on its pointerup) keeps its last.
    await send(page, { type: 'pointerdown', id: 42, at: [600, 1100], pressure: 0.7 });
    for (let i = 1; i <= 6; i++)
      await send(page, { type: 'pointermove', id: 42, at: [600 + i * 200, 1100], pressure: 0 });
    await send(page, { type: 'pointerup', id: 42, at: [1800, 1100] });
    await waitSaved(page, 2);

    const [flat, kept] = await storedStrokes(env().url, board);
    expect(flat?.simulatePressure).toBe(true);
    expect(new Set(flat?.points.map((p) => p[2]))).toEqual(new Set([0.5]));
    expect(flat?.points.length).toBe(15);
    expect(kept?.simulatePressure).toBe(false);
    expect(new Set(kept?.points.map((p) => p[2]))).toEqual(new Set([0.7]));
    await expectInk(page, alongStroke(line));
    await expectInk(page, [
      [900, 700],
      [1300, 700],
      [1700, 700],
    ]);
    await screenshot(page, 'pointer-pressure-zero');
    expect(recorder.errors).toEqual([]);
    await recorder.close();
  });
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REJECT } from '../../shared/reject-reasons';
import { openBrowser } from '../helpers/browser-pages';
import { cardById, openConsole, POLL } from '../helpers/console-pages';
import { addOp, makeStroke } from '../helpers/fixtures';
import { connectClient, createBoard, keyOf } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

/** A budget a few strokes fill (BOARD_LOG_BUDGET_MB sets the same field in production). */
const BUDGET = 5_000;

describe('organiser console: each board shows how full its log is (#14)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer('memory', { budgets: { logBytes: BUDGET } });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await server.stop();
  });

  it('a labelled meter per card, and a note once the board refuses ops as full', async () => {
    const empty = await createBoard(server.url, TEST_ADMIN_TOKEN, '空のボード');
    const full = await createBoard(server.url, TEST_ADMIN_TOKEN, '満杯のボード');
    const recorder = await connectClient(server.url, full.id, keyOf(full.links.draw));
    let refused = false;
    for (let i = 0; i < 100 && !refused; i++) {
      const ack = await recorder.send(addOp(makeStroke(10, 10, 20, `s${i}`)));
      if (!ack.ok) {
        expect(ack.reason).toBe(REJECT.boardFull);
        refused = true;
      }
    }
    recorder.close();
    expect(refused).toBe(true);

    const { page, errors, close } = await openConsole(browser, server.url);
    try {
      const emptyMeter = cardById(page, empty.id).getByRole('meter', { name: '記録の容量' });
      await expect.poll(() => emptyMeter.evaluate((el: HTMLMeterElement) => el.value), POLL).toBe(0);
      expect(await emptyMeter.evaluate((el: HTMLMeterElement) => el.max)).toBe(BUDGET);
      await expect(cardById(page, empty.id).getByTestId('log-gauge-full').count()).resolves.toBe(0);

      const card = cardById(page, full.id);
      const meter = card.getByRole('meter', { name: '記録の容量' });
      const value = await meter.evaluate((el: HTMLMeterElement) => el.value);
      expect(value).toBeGreaterThan(BUDGET * 0.8);
      expect(value).toBeLessThanOrEqual(BUDGET);
      // The value is read out in words too: used, budget and percent.
      const described = await meter.evaluate((el) => {
        const id = el.getAttribute('aria-describedby');
        return id ? (document.getElementById(id)?.textContent ?? '') : '';
      });
      expect(described).toMatch(/MB \/ .*MB（\d+%）/);
      await expect
        .poll(() => card.getByTestId('log-gauge').getAttribute('data-bytes'), POLL)
        .toBe(String(value));
      // Nearly full or full: the organiser is told in words as well.
      await expect.poll(() => card.getByRole('status').count(), POLL).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

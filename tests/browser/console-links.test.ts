import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { openBrowser, screenshot } from '../helpers/browser-pages';
import { cardById, decodeQrImage, linkOf, openConsole, POLL } from '../helpers/console-pages';
import { createBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/**
 * The hall's LAN address, injected through the server's LAN_ADDRESSES option so the test
 * does not depend on the machine's interfaces (TEST-NET-1: never reached, only compared).
 */
const HALL = '192.0.2.10';
const LINKS = ['draw', 'view', 'present'] as const;

async function qrOf(card: Locator, which: (typeof LINKS)[number]): Promise<string | null> {
  const img = card.getByTestId(`link-${which}`).getByTestId('link-qr');
  await img.waitFor();
  return decodeQrImage(img);
}

describe('organiser console: links that phones in the hall reach', () => {
  let browser: Browser;
  const servers: Server[] = [];

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(servers.map((s) => s.stop()));
  });

  async function start(overrides: Parameters<typeof startTestServer>[1]) {
    const server = await startTestServer('memory', overrides);
    servers.push(server);
    // Straight to the port: with PUBLIC_URL set, server.url is the proxy's address.
    const local = `http://127.0.0.1:${server.port}`;
    const board = await createBoard(local, TEST_ADMIN_TOKEN, '会場リンク');
    return { server, local, board };
  }

  it('warns while the links are loopback, and the LAN address puts the hall address in links and QR codes', async () => {
    const { server, local, board } = await start({ lanAddresses: [HALL] });
    const lan = `http://${HALL}:${server.port}`;
    const admin = await openConsole(browser, local);
    const { page } = admin;
    const card = cardById(page, board.id);

    // Opened on 127.0.0.1: the links say so, and the warning stands above them.
    const warning = page.getByTestId('link-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toContain(`127.0.0.1:${server.port}`);
    expect(await warning.innerText()).toContain('会場のスマートフォン');
    for (const which of LINKS) expect(await linkOf(card, which)).toMatch(new RegExp(`^${local}/b/`));
    expect(await qrOf(card, 'view')).toBe(await linkOf(card, 'view'));
    // And in the card, beside the links an organiser copies (the page scrolls to a new card).
    const cardWarning = card.getByTestId('card-link-warning');
    expect(await cardWarning.innerText()).toContain(`127.0.0.1:${server.port}`);
    await screenshot(page, 'console-links-loopback');

    // The hall network address: every link and QR code carries it, the warning goes.
    await page.getByTestId('link-base-select').selectOption(lan);
    await expect.poll(() => warning.count(), POLL).toBe(0);
    expect(await cardWarning.count()).toBe(0);
    for (const which of LINKS) {
      const link = await linkOf(card, which);
      expect(link).toBe(board.links[which].replace(local, lan));
      if (which === 'draw') await card.getByTestId('link-draw-qr-toggle').click();
      await expect.poll(() => qrOf(card, which), POLL).toBe(link);
    }
    await screenshot(page, 'console-links-lan');

    // The choice outlives a reload; back on this computer's own address, the warning returns.
    await page.reload();
    await card.waitFor();
    await expect.poll(() => linkOf(card, 'view'), POLL).toBe(board.links.view.replace(local, lan));
    expect(await warning.count()).toBe(0);
    await page.getByTestId('link-base-select').selectOption(local);
    await warning.waitFor();
    expect(await linkOf(card, 'view')).toBe(board.links.view);

    // In English too.
    await page.goto(`${local}/admin?lang=en`);
    await warning.waitFor();
    expect(await warning.innerText()).toContain('phones in the hall get nothing');
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it('with PUBLIC_URL the links use it, with no choice and no warning', async () => {
    const publicUrl = 'https://grareco.example.org';
    const { local, board } = await start({ publicUrl, lanAddresses: [HALL] });
    const admin = await openConsole(browser, local);
    const { page } = admin;
    await page.getByTestId('link-base').waitFor();
    expect(await page.getByTestId('link-base').innerText()).toContain(publicUrl);
    expect(await page.getByTestId('link-base-select').count()).toBe(0);
    expect(await page.getByTestId('link-warning').count()).toBe(0);
    const card = cardById(page, board.id);
    expect(await card.getByTestId('card-link-warning').count()).toBe(0);
    for (const which of LINKS) expect(await linkOf(card, which)).toBe(board.links[which]);
    expect(board.links.view.startsWith(`${publicUrl}/b/`)).toBe(true);
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it('keeps the recorder link’s QR code (a secret) hidden until the organiser asks for it', async () => {
    const { local, board } = await start({});
    const admin = await openConsole(browser, local);
    const { page } = admin;
    const card = cardById(page, board.id);
    const draw = card.getByTestId('link-draw');
    await card.getByTestId('link-present').getByTestId('link-qr').waitFor();
    expect(await draw.getByTestId('link-qr').count()).toBe(0);
    expect(await card.getByTestId('link-qr').count()).toBe(2);

    const toggle = page.getByRole('button', { name: 'QRコードを表示' });
    expect(await toggle.count()).toBe(1);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => qrOf(card, 'draw'), POLL).toBe(await linkOf(card, 'draw'));
    await screenshot(page, 'console-links-recorder-qr');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await draw.getByTestId('link-qr').count()).toBe(0);
    expect(admin.errors).toEqual([]);
    await admin.close();
  });
});

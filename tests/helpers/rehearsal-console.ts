import type { Browser, Locator, Page } from 'playwright-core';
import type { AgendaItem } from '../../shared/board';
import { cardOf, linkOf } from './console-pages';
import { openDevice, type Device } from './rehearsal-screens';
import { TEST_ADMIN_TOKEN } from './test-server';

/** The seminar as its programme gives it (shared/fixtures/seminar-programme.json). */
export interface Programme {
  title: string;
  date: string;
  agenda: readonly AgendaItem[];
}

/** The organiser's console on the 1440×900 laptop, signed in through the printed link. */
export async function openOrganiser(browser: Browser, url: string): Promise<Device> {
  const device = await openDevice(browser, 'organiser', `${url}/admin?token=${TEST_ADMIN_TOKEN}`);
  await device.page.getByTestId('create-form').waitFor();
  return device;
}

/**
 * Types the programme into the create form as an organiser would (title, date, one agenda
 * row per item), creates the board and resolves with its card once it is listed.
 */
export async function createFromProgramme(page: Page, programme: Programme): Promise<Locator> {
  await page.getByTestId('create-title').fill(programme.title);
  await page.getByTestId('create-date').fill(programme.date);
  for (const [i, item] of programme.agenda.entries()) {
    await page.getByTestId('create-agenda-add').click();
    const row = page.getByTestId('agenda-row').nth(i);
    await row.getByTestId('agenda-start').fill(item.start);
    await row.getByTestId('agenda-title').fill(item.title);
  }
  await page.getByTestId('create-submit').click();
  const card = cardOf(page, programme.title);
  await card.waitFor();
  return card;
}

/** The three links as the new card hands them out. */
export async function cardLinks(card: Locator): Promise<{ draw: string; view: string; present: string }> {
  return {
    draw: await linkOf(card, 'draw'),
    view: await linkOf(card, 'view'),
    present: await linkOf(card, 'present'),
  };
}

/** The same link with another origin (the recorder's Wi-Fi: a relay the test can cut). */
export function through(origin: string, link: string): string {
  const u = new URL(link);
  return `${origin}${u.pathname}${u.search}`;
}

/** Waits for the card's live status: the recorder's chip and the viewer count. */
export async function waitForCardStatus(
  card: Locator,
  recorder: 'online' | 'offline',
  viewers: number,
  timeout = 30_000,
): Promise<void> {
  await card.locator(`[data-testid="recorder-connected"][data-state="${recorder}"]`).waitFor({ timeout });
  await card.locator(`[data-testid="viewer-count"][data-count="${viewers}"]`).waitFor({ timeout });
}

/** Ticks the publication consent in the card's settings and saves it. */
export async function givePublishConsent(page: Page, card: Locator): Promise<void> {
  await card.getByTestId('consent-publish').check();
  await card.getByTestId('save-settings').click();
  await page.getByTestId('console-status').filter({ hasText: '保存しました' }).waitFor({ timeout: 30_000 });
  await card.getByTestId('export-publish').and(card.locator(':enabled')).waitFor({ timeout: 30_000 });
}

import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { screenshot } from '../helpers/browser-pages';
import { useBrowserBoard } from '../helpers/browser-setup';
import { cardOf, openConsole, POLL } from '../helpers/console-pages';

/** The seminar's longest heading, and one longer still (typed, up to the field's 120). */
const PANEL = 'パネルディスカッション「つながりを絶やさない支援のかたち」';
const LONGER = `${PANEL}〜地域の居場所づくりと見守りの担い手をどう増やすか、行政・社協・住民の三者で考える〜`;

/** What the field shows of its text: nothing cut on the right or at the bottom. */
function fit(field: Locator) {
  return field.evaluate((el) => ({
    value: (el as HTMLTextAreaElement).value,
    width: el.scrollWidth <= el.clientWidth,
    height: el.scrollHeight <= el.clientHeight,
  }));
}

describe('organiser console: the create form', () => {
  const env = useBrowserBoard();

  it('shows a long agenda heading whole, and one typed with a line break stays one line', async () => {
    const admin = await openConsole(env().browser, env().url);
    const { page } = admin;
    await page.getByTestId('create-agenda-seminar').click();
    const titles = page.getByTestId('agenda-title');
    expect(await titles.nth(4).inputValue()).toBe(PANEL);
    for (let i = 0; i < (await titles.count()); i++) {
      expect(await fit(titles.nth(i))).toMatchObject({ width: true, height: true });
    }

    await page.getByTestId('create-agenda-add').click();
    const last = titles.last();
    await last.fill(LONGER);
    await expect.poll(() => fit(last), POLL).toEqual({ value: LONGER, width: true, height: true });
    // Wider than its box: it wraps to more lines, not out of sight.
    const lines = await last.evaluate((el) => el.clientHeight / parseFloat(getComputedStyle(el).lineHeight));
    expect(lines).toBeGreaterThan(2);

    // Enter adds no line break in a heading; a pasted one becomes a space.
    await last.fill('交流会');
    await last.press('End');
    await last.press('Enter');
    expect(await last.inputValue()).toBe('交流会');
    await last.fill('');
    await last.evaluate((el) => {
      const area = el as HTMLTextAreaElement;
      area.value = '交流会\nと懇親会';
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect.poll(() => last.inputValue(), POLL).toBe('交流会 と懇親会');
    await page.getByTestId('agenda-title').nth(4).scrollIntoViewIfNeeded();
    await screenshot(page, 'console-agenda-long-title');
    expect(admin.errors).toEqual([]);
    await admin.close();
  });

  it('after 作成 at the foot of a long form, the new card is in view below the sticky header', async () => {
    // Enough boards that the list is long too; then a form long with the seminar's agenda.
    for (let i = 0; i < 3; i++) await env().newBoard(`既存のボード ${i + 1}`);
    const admin = await openConsole(env().browser, env().url);
    const { page } = admin;
    const title = '作成後のスクロール';
    await page.getByTestId('create-title').fill(title);
    await page.getByTestId('create-agenda-seminar').click();
    const submit = page.getByTestId('create-submit');
    await submit.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    await submit.click();

    const card = cardOf(page, title);
    await card.waitFor();
    const id = await card.getAttribute('data-board-id');
    const place = () =>
      page.evaluate((id) => {
        const header = document.querySelector('.console > header')?.getBoundingClientRect();
        const top = document
          .querySelector(`[data-testid="board-card"][data-board-id="${id}"]`)
          ?.getBoundingClientRect().top;
        return { headerBottom: header?.bottom ?? NaN, top: top ?? NaN, viewport: window.innerHeight };
      }, id);
    await expect
      .poll(async () => {
        const p = await place();
        return p.top >= p.headerBottom && p.top < p.viewport / 2;
      }, POLL)
      .toBe(true);
    await screenshot(page, 'console-after-create');
    expect(admin.errors).toEqual([]);
    await admin.close();
  });
});

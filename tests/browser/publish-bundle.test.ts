import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ja } from '../../client/i18n/ja';
import { PUBLISH_FILES } from '../../shared/publish';
import { screenshot } from '../helpers/browser-pages';
import { useBrowserBoard, useTempDir } from '../helpers/browser-setup';
import { cardById, downloadVia, openConsole, POLL } from '../helpers/console-pages';
import { ADMIN } from '../helpers/export-jobs';
import {
  createSeminar,
  KEYNOTE_NOTE,
  PANEL_NOTE,
  pdfText,
  SEMINAR,
  unzipAll,
  writeNotes,
} from '../helpers/publish-boards';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const ALT =
  '第21回地域福祉セミナーのグラフィックレコーディング。基調講演とパネルディスカッションの要点を絵と文字でまとめたボード。';

/** A one-second H.264 MP4, as the time-lapse export makes (ftyp isom). */
function makeMp4(dir: string): string {
  const file = join(dir, 'timelapse-export.mp4');
  execFileSync('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=white:s=320x180:d=1:r=10'],
    ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', file],
  ]);
  return file;
}

/** The unzipped bundle's page, opened from disk with JavaScript on or off; every request it makes. */
async function openFromDisk(browser: Browser, site: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({
    javaScriptEnabled,
    locale: 'ja-JP',
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(join(site, PUBLISH_FILES.page)).href, { waitUntil: 'load' });
  return { page, requests, close: () => context.close() };
}

async function imageLoaded(page: Page): Promise<boolean> {
  return page.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
}

describe('publish bundle', () => {
  const env = useBrowserBoard();
  const tmp = useTempDir('grareco-publish-site-');

  it('is a static page that opens from disk without script, reads well and passes axe', async () => {
    const { url, browser } = env();
    const seminar = await createSeminar(url);
    await writeNotes(url, seminar);
    const patched = await fetch(`${url}/api/boards/${seminar.id}`, {
      method: 'PATCH',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ altText: ALT }),
    });
    expect(patched.status).toBe(200);

    // The organiser's page: no publishing before the consent is recorded, and it says why.
    const admin = await openConsole(browser, url);
    const card = cardById(admin.page, seminar.id);
    const publish = card.getByTestId('export-publish');
    expect(await publish.isDisabled()).toBe(true);
    expect(await card.getByTestId('publish-consent-hint').innerText()).toBe(ja.publishNeedsConsent);
    await card.getByTestId('consent-publish').check();
    await card.getByTestId('save-settings').click();
    await expect.poll(() => publish.isEnabled(), POLL).toBe(true);
    expect(await card.getByTestId('publish-consent-hint').count()).toBe(0);

    await card.getByTestId('publish-video').setInputFiles(makeMp4(tmp()));
    const bundle = await downloadVia(admin.page, publish);
    expect(bundle.name).toBe(`${SEMINAR.title}_${SEMINAR.date}-publish.zip`);
    expect(admin.errors).toEqual([]);
    await admin.close();

    const site = join(tmp(), 'site');
    mkdirSync(site);
    const files = await unzipAll(bundle.bytes);
    expect([...files.keys()].sort()).toEqual(Object.values(PUBLISH_FILES).sort());
    for (const [name, bytes] of files) writeFileSync(join(site, name), bytes);

    const html = readFileSync(join(site, PUBLISH_FILES.page), 'utf8');
    expect(html).not.toMatch(/<script/i);
    // No address at all: nothing leads back to the server (or anywhere else).
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toContain(new URL(url).host);

    // JavaScript off, as a cautious host or reader has it: everything is there.
    const off = await openFromDisk(browser, site, false);
    expect(await off.page.locator('script').count()).toBe(0);
    expect(await off.page.getAttribute('html', 'lang')).toBe('ja');
    expect(await off.page.getByRole('heading', { level: 1 }).innerText()).toBe(SEMINAR.title);
    const headings = await off.page.getByRole('heading', { level: 3 }).allInnerTexts();
    expect(headings).toEqual(SEMINAR.agenda.map((a) => `${a.start} ${a.title}`));
    const keynote = off.page
      .locator('section section')
      .filter({ has: off.page.getByRole('heading', { name: /基調講演/ }) });
    expect(await keynote.innerText()).toContain(KEYNOTE_NOTE);
    const panel = off.page
      .locator('section section')
      .filter({ has: off.page.getByRole('heading', { name: /パネル/ }) });
    expect(await panel.innerText()).toContain(PANEL_NOTE);
    expect(await off.page.getByRole('img', { name: ALT }).count()).toBe(1);
    expect(await imageLoaded(off.page)).toBe(true);
    expect(await off.page.locator('video').getAttribute('src')).toBe(PUBLISH_FILES.video);
    expect(await off.page.getByText('2023年11月16日').count()).toBe(1);
    expect(off.requests.every((r) => r.startsWith('file://'))).toBe(true);
    await screenshot(off.page, 'publish-bundle-page');
    await off.page.setViewportSize({ width: 360, height: 740 });
    await screenshot(off.page, 'publish-bundle-phone');
    await off.close();

    // The scan: axe is the only script on the page, injected by the test.
    const scan = await openFromDisk(browser, site, true);
    await scan.page.addScriptTag({ path: AXE });
    const result = await scan.page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(): Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> };
        }
      ).axe;
      const r = await axe.run();
      return r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.length }));
    });
    expect(result).toEqual([]);
    await scan.close();

    // pdftotext breaks a wrapped record into lines: words are compared without them.
    const text = pdfText(readFileSync(join(site, PUBLISH_FILES.pdf)), tmp(), 'zipped.pdf').replace(
      /\s+/g,
      '',
    );
    for (const words of [SEMINAR.title, '2023年11月16日', KEYNOTE_NOTE, PANEL_NOTE, '基調講演'])
      expect(text).toContain(words);
  }, 180_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISH_FILES } from '../../shared/publish';
import { ADMIN, pollJob } from '../helpers/export-jobs';
import {
  createSeminar,
  ftypBytes,
  KEYNOTE_NOTE,
  pdfText,
  PANEL_NOTE,
  SEMINAR,
  setConsent,
  unzipAll,
  writeNotes,
  type SeminarBoard,
} from '../helpers/publish-boards';
import { startTestServer } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** The name a browser saves under: the RFC 5987 filename*, and the plain ASCII fallback. */
function names(disposition: string | null): { star: string | null; plain: string | null } {
  const star = /filename\*=UTF-8''([^;]+)/.exec(disposition ?? '')?.[1];
  const plain = /filename="([^"]*)"/.exec(disposition ?? '')?.[1];
  return { star: star ? decodeURIComponent(star) : null, plain: plain ?? null };
}

function count(text: string, word: string): number {
  return text.split(word).length - 1;
}

describe('publish bundle and export names', () => {
  let server: Server;
  let seminar: SeminarBoard;
  let dir: string;

  beforeAll(async () => {
    server = await startTestServer('memory');
    dir = mkdtempSync(join(tmpdir(), 'grareco-publish-'));
    seminar = await createSeminar(server.url);
    await writeNotes(server.url, seminar);
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function get(id: string, path: string, headers: Record<string, string> = ADMIN) {
    return fetch(`${server.url}/api/boards/${id}/${path}`, { headers });
  }

  it('names every download from the title, the event date and what it is', async () => {
    const cases = [
      ['export.pdf', '第21回地域福祉セミナー_2023-11-16_board.pdf', 'board_2023-11-16_board.pdf'],
      ['export.pdf?page=a3', '第21回地域福祉セミナー_2023-11-16_A3.pdf', 'board_2023-11-16_A3.pdf'],
      ['export.png', '第21回地域福祉セミナー_2023-11-16_web.png', 'board_2023-11-16_web.png'],
      ['export.svg', '第21回地域福祉セミナー_2023-11-16.svg', 'board_2023-11-16.svg'],
      ['export.grareco', '第21回地域福祉セミナー_2023-11-16.grareco', 'board_2023-11-16.grareco'],
    ] as const;
    for (const [path, star, plain] of cases) {
      const res = await get(seminar.id, path);
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
      const disposition = res.headers.get('content-disposition');
      expect(disposition, path).toMatch(/^attachment; /);
      expect(names(disposition), path).toEqual({ star, plain });
      // RFC 5987 attr-char only after UTF-8'': no raw quote, parenthesis or space.
      expect(/filename\*=UTF-8''([^;]+)/.exec(disposition ?? '')?.[1], path).toMatch(
        /^[A-Za-z0-9!#$&+.^_`|~%-]+$/,
      );
    }
  });

  it('strips path characters and keeps an ASCII title in the fallback', async () => {
    const res = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ title: '../Board: "A/B" (draft)', date: '2024/3/5' }),
    });
    const { id } = (await res.json()) as { id: string };
    const pdf = await get(id, 'export.pdf?page=a1');
    await pdf.arrayBuffer();
    expect(names(pdf.headers.get('content-disposition'))).toEqual({
      star: 'Board_A_B_(draft)_2024-03-05_A1.pdf',
      plain: 'Board_A_B_(draft)_2024-03-05_A1.pdf',
    });
    expect(pdf.headers.get('content-disposition')).toContain(
      "UTF-8''Board_A_B_%28draft%29_2024-03-05_A1.pdf",
    );
  });

  it('heads the PDF with the event date, and prints the title once when the template shows it', async () => {
    const text = pdfText(
      Buffer.from(await (await get(seminar.id, 'export.pdf')).arrayBuffer()),
      dir,
      'seminar.pdf',
    );
    expect(text).toContain('2023年11月16日');
    expect(text).not.toContain('出力');
    expect(count(text, SEMINAR.title)).toBe(1);
    // Without a template title (no programme) the header gives it; without a date, the export's day, so marked.
    const plain = await createSeminar(server.url, { title: '理事会の振り返り' });
    const bare = pdfText(
      Buffer.from(await (await get(plain.id, 'export.pdf')).arrayBuffer()),
      dir,
      'bare.pdf',
    );
    expect(count(bare, '理事会の振り返り')).toBe(1);
    expect(bare).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 出力/);
  });

  it('refuses to publish until the consent to publish is recorded', async () => {
    const res = await get(seminar.id, 'publish.zip');
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      error: 'consent_required',
      detail: expect.stringContaining('consentPublish'),
    });
    const job = await fetch(`${server.url}/api/boards/${seminar.id}/publish-jobs`, {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'video/mp4' },
      body: new Uint8Array(ftypBytes('isom')),
    });
    expect(job.status).toBe(409);
    expect(((await job.json()) as { error: string }).error).toBe('consent_required');
    // Organiser only, whatever the consent.
    const asViewer = await get(seminar.id, 'publish.zip', {
      authorization: `Bearer ${new URL(seminar.links.view).searchParams.get('key') ?? ''}`,
    });
    expect(asViewer.status).toBe(403);
  });

  it('bundles the page, SVG, PDF and PNG once consent is set', async () => {
    await setConsent(server.url, seminar.id, true);
    const res = await get(seminar.id, 'publish.zip');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(names(res.headers.get('content-disposition')).star).toBe(
      '第21回地域福祉セミナー_2023-11-16-publish.zip',
    );
    const files = await unzipAll(Buffer.from(await res.arrayBuffer()));
    expect([...files.keys()].sort()).toEqual(
      [PUBLISH_FILES.page, PUBLISH_FILES.svg, PUBLISH_FILES.pdf, PUBLISH_FILES.png].sort(),
    );
    const page = files.get(PUBLISH_FILES.page)?.toString('utf8') ?? '';
    expect(page).toContain('<html lang="ja">');
    expect(page).not.toMatch(/<script|https?:/i);
    expect(page).toContain(KEYNOTE_NOTE);
    expect(pdfText(files.get(PUBLISH_FILES.pdf) ?? Buffer.alloc(0), dir, 'zipped.pdf')).toContain(PANEL_NOTE);
  });

  it('adds the organiser’s MP4 by its ftyp box, and refuses anything else', async () => {
    const send = (body: Buffer) =>
      fetch(`${server.url}/api/boards/${seminar.id}/publish-jobs`, {
        method: 'POST',
        headers: { ...ADMIN, 'content-type': 'video/mp4' },
        body: new Uint8Array(body),
      });
    for (const bad of [
      Buffer.from('not a video at all'),
      ftypBytes('qt  ', ['qt  ']),
      ftypBytes('heic', ['mif1']),
    ]) {
      const res = await send(bad);
      expect(res.status).toBe(415);
      expect(((await res.json()) as { error: string }).error).toBe('unsupported_video');
    }
    const video = ftypBytes('isom', ['isom', 'iso2', 'avc1', 'mp41']);
    const started = await send(video);
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const seen = await pollJob(server.url, seminar.id, id);
    expect(seen.at(-1)?.state).toBe('done');
    expect(seen.at(-1)?.kind).toBe('publish');
    const file = await get(seminar.id, `export-jobs/${id}/file`);
    const files = await unzipAll(Buffer.from(await file.arrayBuffer()));
    expect(files.get(PUBLISH_FILES.video)?.equals(video)).toBe(true);
    expect(files.get(PUBLISH_FILES.page)?.toString('utf8')).toContain(`src="${PUBLISH_FILES.video}"`);
  });
});

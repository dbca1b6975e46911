import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imageSize } from 'image-size';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stroke } from '../../shared/objects/stroke';
import { addOp, makeText } from '../helpers/fixtures';
import { inkShare, parsePpm } from '../helpers/ppm';
import { connectClient, createBoard, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** A thick horizontal marker stroke across [x0, x1] at height y. */
function bar(id: string, x0: number, x1: number, y: number): Stroke {
  const points: Stroke['points'] = [];
  for (let x = x0; x <= x1; x += 20) points.push([x, y, 0.5]);
  return {
    id,
    type: 'stroke',
    tool: 'marker',
    color: '#1f2328',
    size: 60,
    opacity: 1,
    simulatePressure: false,
    points,
  };
}

const JP_TEXT = '基調講演：まちづくりと福祉';
const EN_TEXT = 'Keynote community care';

/** pdftotext's words with their boxes, as fractions of the page. */
function pdfWords(file: string): { text: string; x: number; y: number }[] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-']).toString();
  const page = /<page width="([\d.]+)" height="([\d.]+)"/.exec(html);
  const [pw, ph] = [Number(page?.[1]), Number(page?.[2])];
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({
    text: m[3] ?? '',
    x: Number(m[1]) / pw,
    y: Number(m[2]) / ph,
  }));
}

describe('exports', () => {
  let server: Server;
  let board: CreatedBoard;
  let dir: string;
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'grareco-export-'));
    board = await createBoard(server.url, TEST_ADMIN_TOKEN, '第21回地域福祉セミナー');
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    // Left third, top quarter; right third, bottom quarter; the middle stays empty.
    await recorder.send(addOp(bar('top-left', 200, 1100, 500)));
    await recorder.send(addOp(bar('bottom-right', 2700, 3600, 1700)));
    // Text records, Japanese bottom left and English top right, clear of the strokes.
    await recorder.send(
      addOp(makeText('jp-text', JP_TEXT, 200, 1850), makeText('en-text', EN_TEXT, 2600, 120)),
    );
    recorder.close();
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function download(path: string, headers: Record<string, string> = admin) {
    const res = await fetch(`${server.url}/api/boards/${board.id}/${path}`, { headers });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  it('makes a PDF that qpdf accepts, with searchable Japanese and an embedded subset font', async () => {
    const { res, bytes } = await download('export.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const file = join(dir, 'board.pdf');
    writeFileSync(file, bytes);
    execFileSync('qpdf', ['--check', file]);
    expect(execFileSync('pdftotext', [file, '-']).toString()).toContain('第21回地域福祉セミナー');
    const fonts = execFileSync('pdffonts', [file]).toString();
    expect(fonts).toMatch(/\+NotoSansJP/);
    expect(fonts).toMatch(/yes\s+yes\s+yes/);
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Title:\s+第21回地域福祉セミナー/);
  });

  it('draws the strokes where they are on the board', async () => {
    const { bytes } = await download('export.pdf?header=0');
    const file = join(dir, 'plain.pdf');
    writeFileSync(file, bytes);
    execFileSync('pdftoppm', ['-r', '30', '-singlefile', file, join(dir, 'plain')]);
    const img = parsePpm(readFileSync(join(dir, 'plain.ppm')));
    expect(img.width / img.height).toBeCloseTo(3840 / 2160, 1);
    expect(inkShare(img, 0.06, 0.2, 0.28, 0.26)).toBeGreaterThan(0.3);
    expect(inkShare(img, 0.71, 0.76, 0.93, 0.82)).toBeGreaterThan(0.3);
    expect(inkShare(img, 0.4, 0.4, 0.6, 0.6)).toBe(0);
    expect(inkShare(img, 0.71, 0.2, 0.93, 0.26)).toBe(0);
  });

  it('keeps text records as searchable text, Japanese and English, where they are on the board', async () => {
    // The board alone (no header), so only the records can give the words.
    const { bytes } = await download('export.pdf?header=0');
    const file = join(dir, 'text.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text).toContain(JP_TEXT);
    expect(text).toContain(EN_TEXT);
    const words = pdfWords(file);
    const keynote = words.find((w) => w.text === 'Keynote');
    expect(keynote?.x).toBeCloseTo(2600 / 3840, 1);
    expect(keynote?.y).toBeLessThan(0.15);
    const jp = words.find((w) => w.text.startsWith('基調講演'));
    expect(jp?.x).toBeCloseTo(200 / 3840, 1);
    expect(jp?.y).toBeGreaterThan(0.8);
  });

  it('fits the board on A3 and A1 landscape pages', async () => {
    for (const [page, w, h] of [
      ['a3', 1190.55, 841.89],
      ['a1', 2383.94, 1683.78],
    ] as const) {
      const { bytes } = await download(`export.pdf?page=${page}`);
      const file = join(dir, `${page}.pdf`);
      writeFileSync(file, bytes);
      const info = execFileSync('pdfinfo', [file]).toString();
      const m = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
      expect(Number(m?.[1])).toBeCloseTo(w, 0);
      expect(Number(m?.[2])).toBeCloseTo(h, 0);
    }
    expect((await download('export.pdf?page=b5')).res.status).toBe(400);
  });

  it('makes an SVG and web and print PNGs', async () => {
    const svg = await download('export.svg');
    expect(svg.res.headers.get('content-type')).toContain('image/svg+xml');
    const text = svg.bytes.toString();
    expect(text).toContain('viewBox="0 0 3840 2160"');
    expect(text.match(/<path /g)?.length).toBe(2);
    const web = await download('export.png');
    expect(imageSize(web.bytes)).toMatchObject({ type: 'png', width: 1920, height: 1080 });
    const print = await download('export.png?size=print');
    expect(imageSize(print.bytes)).toMatchObject({ type: 'png', width: 4961 });
  });

  it('is for the organiser only', async () => {
    expect((await download('export.pdf', {})).res.status).toBe(401);
    const asViewer = await download('export.pdf', { authorization: `Bearer ${keyOf(board.links.view)}` });
    expect(asViewer.res.status).toBe(403);
    expect(
      (await download('export.svg', { authorization: `Bearer ${keyOf(board.links.draw)}` })).res.status,
    ).toBe(403);
  });
});

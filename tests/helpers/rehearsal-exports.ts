import { archiveSchema, type Archive } from '../../shared/archive';
import { exportFileName, type ExportFile, type NamedBoard } from '../../shared/file-names';
import { PUBLISH_FILES } from '../../shared/publish';
import { anyInkShare, decodePng } from './png-decode';
import type { Ppm } from './ppm';
import { pdfText, unzipAll } from './publish-boards';

/** A downloaded file: the name the browser would save it under and its bytes. */
export interface Taken {
  name: string;
  bytes: Buffer;
}

/** What a checked export should carry: the board's words and its ink in board units. */
export interface ExpectedBoard extends NamedBoard {
  title: string;
  width: number;
  height: number;
  /** Text pdftotext and the bundle's page must give back. */
  words: readonly string[];
  /** Regions (board units) that must be inked in the picture exports. */
  inked: readonly { minX: number; minY: number; maxX: number; maxY: number }[];
}

/** Problems of a PDF export: its kind, name, page box and searchable text. */
export function pdfProblems(file: Taken, board: ExpectedBoard, what: ExportFile, dir: string): string[] {
  const out: string[] = [];
  if (file.bytes.subarray(0, 5).toString('latin1') !== '%PDF-') out.push(`${file.name}: not a PDF`);
  const want = exportFileName(board, what);
  if (file.name !== want) out.push(`PDF named ${file.name}, expected ${want}`);
  if (what === 'pdfA3' && !/\/MediaBox \[0 0 1190\.55\d* 841\.89\d*\]/.test(file.bytes.toString('latin1')))
    out.push(`${file.name}: not an A3 landscape page`);
  const text = pdfText(file.bytes, dir, `${what}.pdf`);
  for (const word of board.words) if (!text.includes(word)) out.push(`${file.name}: pdftotext lacks ${word}`);
  return out;
}

/** Share of inked pixels of a whole-board picture over a region given in board units. */
export function regionInk(img: Ppm, board: ExpectedBoard, r: ExpectedBoard['inked'][number]): number {
  const k = img.width / board.width;
  return anyInkShare(img, r.minX * k, r.minY * k, r.maxX * k, r.maxY * k);
}

/** Problems of the PNG export: it decodes, has the board's shape and ink in every inked region. */
export function pngProblems(file: Taken, board: ExpectedBoard): { problems: string[]; img: Ppm | null } {
  const want = exportFileName(board, 'pngWeb');
  const out = file.name === want ? [] : [`PNG named ${file.name}, expected ${want}`];
  let img: Ppm;
  try {
    img = decodePng(file.bytes);
  } catch (err) {
    return { problems: [...out, `PNG does not decode: ${String(err)}`], img: null };
  }
  if (Math.abs(img.width / img.height - board.width / board.height) > 0.01)
    out.push(`PNG is ${img.width}×${img.height}, not the board's shape`);
  for (const r of board.inked) {
    const share = regionInk(img, board, r);
    if (share < 0.01) out.push(`PNG: ${(share * 100).toFixed(2)} % ink in ${JSON.stringify(r)}`);
  }
  return { problems: out, img };
}

/**
 * The archive parsed with the import's own schema: the whole log, gap-free from 1 to `seq`,
 * every op id once (a resend committed twice would show here).
 */
export function archiveProblems(
  file: Taken,
  board: ExpectedBoard,
  seq: number,
): { problems: string[]; archive: Archive | null } {
  const want = exportFileName(board, 'archive');
  const out = file.name === want ? [] : [`archive named ${file.name}, expected ${want}`];
  const parsed = archiveSchema.safeParse(JSON.parse(file.bytes.toString('utf8')));
  if (!parsed.success)
    return { problems: [...out, `archive does not parse: ${parsed.error.message}`], archive: null };
  const { ops } = parsed.data;
  if (ops.length !== seq) out.push(`archive holds ${ops.length} ops, the board's seq is ${seq}`);
  if (ops.some((o, i) => o.seq !== i + 1)) out.push('archive log has a gap or is out of order');
  const ids = new Set(ops.map((o) => String(o.op['id'])));
  if (ids.size !== ops.length) out.push(`archive: ${ops.length - ids.size} op ids committed twice`);
  return { problems: out, archive: parsed.data };
}

/**
 * The publish bundle: the files a static host serves, a page without script or links back
 * to the server that gives the board's words as text, the PDF and PNG inside sound.
 */
export async function publishProblems(
  file: Taken,
  board: ExpectedBoard,
  server: string,
  dir: string,
): Promise<string[]> {
  const want = exportFileName(board, 'publish');
  const out = file.name === want ? [] : [`bundle named ${file.name}, expected ${want}`];
  const files = await unzipAll(file.bytes);
  for (const name of [PUBLISH_FILES.page, PUBLISH_FILES.svg, PUBLISH_FILES.pdf, PUBLISH_FILES.png])
    if (!files.has(name)) out.push(`bundle lacks ${name}`);
  const page = files.get(PUBLISH_FILES.page)?.toString('utf8') ?? '';
  if (/<script/i.test(page)) out.push('bundle page has a script');
  if (page.includes(new URL(server).host)) out.push('bundle page links back to the server');
  for (const word of board.words) if (!page.includes(word)) out.push(`bundle page lacks ${word}`);
  const pdf = files.get(PUBLISH_FILES.pdf);
  if (pdf) {
    const text = pdfText(pdf, dir, 'bundle.pdf');
    for (const word of board.words) if (!text.includes(word)) out.push(`bundle PDF lacks ${word}`);
  }
  const png = files.get(PUBLISH_FILES.png);
  if (png) {
    const img = decodePng(png);
    for (const r of board.inked)
      if (regionInk(img, board, r) < 0.01) out.push(`bundle PNG: no ink in ${JSON.stringify(r)}`);
  }
  return out;
}

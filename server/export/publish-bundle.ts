import { ZipFile } from 'yazl';
import type { BoardDocument } from '../../shared/board';
import type { JobProgress } from '../../shared/job-progress';
import { PUBLISH_FILES } from '../../shared/publish';
import type { ExportNotice, ImageBytes, NoticeListener } from './asset-images';
import { boardTextSections } from './board-text';
import { boardPdf } from './pdf-export';
import type { PdfOptions } from './pdf-options';
import { boardPng } from './png-export';
import { publishPage, type PublishedFile } from './publish-page';
import { boardSvg } from './svg-export';

/** Where the visitor's machine has no Noto Sans JP, the SVG's lettering falls back to these. */
const SVG_FONTS =
  'text { font-family: "Noto Sans JP", "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", Meiryo, sans-serif; }';

/** Already compressed formats are stored as they are: deflating them again only costs time. */
const DEFLATE = new Set<string>([PUBLISH_FILES.page, PUBLISH_FILES.svg]);

export interface PublishInput {
  doc: BoardDocument;
  /** The board PDF: its page and header line, as the PDF export makes them. */
  pdf: PdfOptions;
  /** The organiser's time-lapse, already checked to be an MP4. */
  video?: Uint8Array | undefined;
}

function zipped(files: readonly { name: string; bytes: Buffer }[], onFile: () => void): Promise<Buffer> {
  const zip = new ZipFile();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
  const mtime = new Date();
  for (const f of files) {
    zip.addBuffer(f.bytes, f.name, { mtime, compress: DEFLATE.has(f.name) });
    onFile();
  }
  zip.end();
  return done;
}

/**
 * The publish bundle: index.html, the board as SVG, PDF and PNG, and the time-lapse when the
 * organiser gave one, in one zip a static host serves as it is. Made in the export process:
 * three renders and a zip of possibly a hundred megabytes are no work for the live server.
 */
export async function boardPublishZip(
  input: PublishInput,
  images: ReadonlyMap<string, ImageBytes>,
  onProgress?: (p: JobProgress) => void,
  onNotice?: NoticeListener,
): Promise<Buffer> {
  const { doc } = input;
  // Each renderer tells of the same broken image: the job hears of it once.
  const told = new Set<string>();
  const notice = (n: ExportNotice) => {
    if (told.has(n.objectId)) return;
    told.add(n.objectId);
    onNotice?.(n);
  };
  const svg = boardSvg(doc, images, (done, total) => onProgress?.({ phase: 'scene', done, total }), notice, {
    description: doc.meta.altText,
    style: SVG_FONTS,
  });
  const png = await boardPng(doc, 'web', images, (p) => p.phase === 'render' && onProgress?.(p), notice);
  const video = input.video
    ? Buffer.from(input.video.buffer, input.video.byteOffset, input.video.byteLength)
    : null;
  // The PDF, each file into the zip, and the zip's end.
  const steps = 1 + (video ? 5 : 4) + 1;
  let step = 0;
  const encoded = () => onProgress?.({ phase: 'encode', done: ++step, total: steps });
  onProgress?.({ phase: 'encode', done: 0, total: steps });
  const pdf = await boardPdf(doc, input.pdf, images, undefined, notice);
  encoded();
  const files: { name: PublishedFile['name']; bytes: Buffer }[] = [
    { name: PUBLISH_FILES.svg, bytes: Buffer.from(svg, 'utf8') },
    { name: PUBLISH_FILES.pdf, bytes: pdf },
    { name: PUBLISH_FILES.png, bytes: png },
  ];
  if (video) files.push({ name: PUBLISH_FILES.video, bytes: video });
  const page = publishPage(
    doc,
    boardTextSections(doc),
    files.map((f) => ({ name: f.name, bytes: f.bytes.length })),
  );
  const zip = await zipped(
    [{ name: PUBLISH_FILES.page, bytes: Buffer.from(page, 'utf8') }, ...files],
    encoded,
  );
  encoded();
  return zip;
}

import PDFDocument from 'pdfkit';
import type { BoardDocument } from '../../shared/board';
import type { JobProgress } from '../../shared/job-progress';
import type { BoardObject } from '../../shared/objects/board-object';
import { imagePlaceholder, objectPrimitives, paintOrder, type Primitive } from '../../shared/render/scene';
import type { ImageBytes, NoticeListener } from './asset-images';
import { FONT_FILES } from './fonts';
import type { PdfOptions, PdfPage } from './pdf-options';
import { pdfReadyImage } from './pdf-image';
import { imageProblem, type ImageProblem } from './image-check';
import { boardShowsTitle, drawHeader, FOOTER_HEIGHT, headerHeight } from './pdf-header';
import { placeholderNotice, PROGRESS_EVERY } from './svg-export';

const PAPER: Record<Exclude<PdfPage, 'board'>, { w: number; h: number; margin: number }> = {
  a3: { w: 1190.55, h: 841.89, margin: 36 },
  a1: { w: 2383.94, h: 1683.78, margin: 72 },
};

/**
 * Vector PDF from the model: strokes as filled outlines (the same shared geometry the screen
 * drew), Japanese text in an embedded, subset Noto Sans JP so it stays searchable.
 */
type Pdf = InstanceType<typeof PDFDocument>;

/**
 * pdfkit's parsed image: opened once (which is where pdfkit refuses a file it cannot read)
 * and embedded once however many records show it. openImage, and image() taking what it
 * returns, are pdfkit's own API but missing from its typings.
 */
interface PdfImage {
  width: number;
  height: number;
}
function openImage(doc: Pdf, bytes: Buffer): PdfImage {
  return (doc as unknown as { openImage(src: Buffer): PdfImage }).openImage(bytes);
}

function drawPrimitive(doc: Pdf, p: Primitive, images: ReadonlyMap<string, PdfImage>): void {
  doc.save();
  const [a, b, c, d, e, f] = p.transform;
  doc.transform(a, b, c, d, e, f);
  switch (p.kind) {
    case 'path':
      doc.path(p.d);
      if (p.fill && p.stroke) {
        doc.fillOpacity(p.opacity).strokeOpacity(p.opacity).lineWidth(p.strokeWidth);
        doc.lineCap('round').lineJoin('round').fillAndStroke(p.fill, p.stroke);
      } else if (p.fill) {
        doc.fillOpacity(p.opacity).fill(p.fill);
      } else if (p.stroke) {
        doc
          .strokeOpacity(p.opacity)
          .lineWidth(p.strokeWidth)
          .lineCap('round')
          .lineJoin('round')
          .stroke(p.stroke);
      }
      break;
    case 'text':
      doc
        .font(p.bold ? 'jp-bold' : 'jp')
        .fontSize(p.fontSize)
        .fillColor(p.color)
        .fillOpacity(1);
      for (const line of p.lines)
        doc.text(line.text, 0, line.baseline, { lineBreak: false, baseline: 'alphabetic' });
      break;
    case 'image': {
      // Only images that were checked and opened reach here (see pdfImages).
      const image = images.get(p.assetId);
      if (image) doc.image(image as unknown as Buffer, 0, 0, { width: p.w, height: p.h });
      break;
    }
  }
  doc.restore();
}

/**
 * Every image the board shows, checked and opened by pdfkit before anything is drawn: one
 * that is missing, damaged or refused by pdfkit becomes a problem (drawn as a placeholder)
 * instead of failing the whole export.
 */
async function openImages(
  doc: Pdf,
  objects: readonly BoardObject[],
  images: ReadonlyMap<string, ImageBytes>,
): Promise<{ opened: Map<string, PdfImage>; problems: Map<string, ImageProblem> }> {
  const opened = new Map<string, PdfImage>();
  const problems = new Map<string, ImageProblem>();
  for (const o of objects) {
    if (o.type !== 'image' || opened.has(o.assetId) || problems.has(o.assetId)) continue;
    const image = images.get(o.assetId);
    const problem = imageProblem(image);
    if (problem || !image) {
      problems.set(o.assetId, problem ?? 'missing');
      continue;
    }
    try {
      opened.set(o.assetId, openImage(doc, await pdfReadyImage(image, Math.round(o.w), Math.round(o.h))));
    } catch {
      problems.set(o.assetId, 'undecodable');
    }
  }
  return { opened, problems };
}

export async function boardPdf(
  board: BoardDocument,
  opts: PdfOptions,
  images: ReadonlyMap<string, ImageBytes> = new Map(),
  onProgress?: (p: JobProgress) => void,
  onNotice?: NoticeListener,
): Promise<Buffer> {
  const { width: W, height: H } = board.meta;
  const headerTitle = opts.header && !boardShowsTitle(board) ? board.title : null;
  const headerH = opts.header ? headerHeight(headerTitle !== null) : 0;
  const footerH = opts.header ? FOOTER_HEIGHT : 0;
  const paper =
    opts.page === 'board'
      ? { w: 1190.55, h: (1190.55 * H) / W + headerH + footerH, margin: 0 }
      : PAPER[opts.page];
  const doc = new PDFDocument({
    size: [paper.w, paper.h],
    margin: 0,
    compress: true,
    info: {
      Title: board.title,
      Author: 'grareco',
      Subject: opts.subject ?? board.title,
      Creator: 'grareco',
    },
    displayTitle: true,
    lang: 'ja-JP',
  });
  doc.registerFont('jp', FONT_FILES.regular);
  doc.registerFont('jp-bold', FONT_FILES.bold);
  const { opened: pdfImages, problems } = await openImages(doc, board.objects, images);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const m = paper.margin;
  const areaW = paper.w - 2 * m;
  const areaH = paper.h - 2 * m - headerH - footerH;
  const scale = Math.min(areaW / W, areaH / H);
  const offX = m + (areaW - W * scale) / 2;
  const offY = m + headerH + (areaH - H * scale) / 2;

  if (opts.header) drawHeader(doc, { margin: m, pageHeight: paper.h }, headerTitle, opts.date);

  doc.save();
  doc.rect(offX, offY, W * scale, H * scale).fill('#ffffff');
  doc.rect(offX, offY, W * scale, H * scale).clip();
  doc.translate(offX, offY).scale(scale);
  const ordered = paintOrder(board.objects);
  onProgress?.({ phase: 'scene', done: 0, total: ordered.length });
  for (const [i, object] of ordered.entries()) {
    for (const p of objectPrimitives(object)) {
      const problem = p.kind === 'image' ? problems.get(p.assetId) : undefined;
      if (p.kind === 'image' && problem) {
        onNotice?.(placeholderNotice(object, p.assetId, problem));
        for (const q of imagePlaceholder(p)) drawPrimitive(doc, q, pdfImages);
      } else drawPrimitive(doc, p, pdfImages);
    }
    if ((i + 1) % PROGRESS_EVERY === 0) onProgress?.({ phase: 'scene', done: i + 1, total: ordered.length });
  }
  onProgress?.({ phase: 'scene', done: ordered.length, total: ordered.length });
  doc.restore();
  // On paper the board's edge is shown, so a mostly white board does not float on the page.
  if (opts.page !== 'board') {
    doc
      .rect(offX, offY, W * scale, H * scale)
      .lineWidth(0.5)
      .strokeColor('#c4c9d0')
      .stroke();
  }
  // Ending the document subsets and embeds the font: one step, not counted inside.
  onProgress?.({ phase: 'encode', done: 0, total: 1 });
  doc.end();
  const bytes = await done;
  onProgress?.({ phase: 'encode', done: 1, total: 1 });
  return bytes;
}

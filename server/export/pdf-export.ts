import PDFDocument from 'pdfkit';
import type { BoardDocument } from '../../shared/board';
import type { JobProgress } from '../../shared/job-progress';
import { objectPrimitives, paintOrder, type Primitive } from '../../shared/render/scene';
import { pdfReadyImage, type ImageBytes } from './asset-images';
import { FONT_FILES } from './fonts';
import { PROGRESS_EVERY } from './svg-export';

/** Page choices: the board's own ratio on one page, or A3 / A1 landscape with margins. */
export const PDF_PAGES = { board: 'board', a3: 'a3', a1: 'a1' } as const;
export type PdfPage = (typeof PDF_PAGES)[keyof typeof PDF_PAGES];

const PAPER: Record<Exclude<PdfPage, 'board'>, { w: number; h: number; margin: number }> = {
  a3: { w: 1190.55, h: 841.89, margin: 36 },
  a1: { w: 2383.94, h: 1683.78, margin: 72 },
};

export interface PdfOptions {
  page: PdfPage;
  /** Title and date above the board, and a footer. */
  header: boolean;
  date?: string;
  subject?: string;
}

/**
 * Vector PDF from the model: strokes as filled outlines (the same shared geometry the screen
 * drew), Japanese text in an embedded, subset Noto Sans JP so it stays searchable.
 */
type Pdf = InstanceType<typeof PDFDocument>;

function drawPrimitive(doc: Pdf, p: Primitive, images: ReadonlyMap<string, Buffer>): void {
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
      const bytes = images.get(p.assetId);
      if (bytes) doc.image(bytes, 0, 0, { width: p.w, height: p.h });
      break;
    }
  }
  doc.restore();
}

export async function boardPdf(
  board: BoardDocument,
  opts: PdfOptions,
  images: ReadonlyMap<string, ImageBytes> = new Map(),
  onProgress?: (p: JobProgress) => void,
): Promise<Buffer> {
  const pdfImages = new Map<string, Buffer>();
  for (const o of board.objects) {
    const image = o.type === 'image' ? images.get(o.assetId) : undefined;
    if (o.type === 'image' && image && !pdfImages.has(o.assetId)) {
      pdfImages.set(o.assetId, await pdfReadyImage(image, Math.round(o.w), Math.round(o.h)));
    }
  }
  const { width: W, height: H } = board.meta;
  const headerH = opts.header ? 48 : 0;
  const footerH = opts.header ? 24 : 0;
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

  if (opts.header) {
    doc
      .font('jp-bold')
      .fontSize(20)
      .fillColor('#1f2328')
      .text(board.title, m + 12, m + 12, { lineBreak: false });
    if (opts.date)
      doc
        .font('jp')
        .fontSize(11)
        .fillColor('#4b5563')
        .text(opts.date, m + 12, m + 34, { lineBreak: false });
    doc
      .font('jp')
      .fontSize(9)
      .fillColor('#6b7280')
      .text(`grareco — ${board.title}`, m + 12, paper.h - m - footerH + 8, { lineBreak: false });
  }

  doc.save();
  doc.rect(offX, offY, W * scale, H * scale).fill('#ffffff');
  doc.rect(offX, offY, W * scale, H * scale).clip();
  doc.translate(offX, offY).scale(scale);
  const ordered = paintOrder(board.objects);
  onProgress?.({ phase: 'scene', done: 0, total: ordered.length });
  for (const [i, object] of ordered.entries()) {
    for (const p of objectPrimitives(object)) drawPrimitive(doc, p, pdfImages);
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

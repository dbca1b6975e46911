import type PDFDocument from 'pdfkit';
import type { BoardDocument } from '../../shared/board';
import { layerOf } from '../../shared/layers';

type Pdf = InstanceType<typeof PDFDocument>;

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/gu, ' ').trim();
  return norm(a) === norm(b);
}

/**
 * Whether the board already shows its title: a text record on the template layer that reads
 * as the board's title, as the event template lays out in its top-left corner. Then the
 * page's header gives only the date, and the title is printed once.
 */
export function boardShowsTitle(board: BoardDocument): boolean {
  return board.objects.some(
    (o) => o.type === 'text' && layerOf(o) === 'template' && sameText(o.text, board.title),
  );
}

/** Header heights in points: the title line and the date, or the date alone. */
export function headerHeight(withTitle: boolean): number {
  return withTitle ? 48 : 30;
}
export const FOOTER_HEIGHT = 24;

/**
 * The title (unless the board shows it), the date line and a small footer. The footer names
 * the tool only: with the title there too, a page would print it twice again.
 */
export function drawHeader(
  doc: Pdf,
  box: { margin: number; pageHeight: number },
  title: string | null,
  date: string | undefined,
): void {
  const m = box.margin;
  if (title !== null)
    doc
      .font('jp-bold')
      .fontSize(20)
      .fillColor('#1f2328')
      .text(title, m + 12, m + 12, { lineBreak: false });
  if (date)
    doc
      .font('jp')
      .fontSize(11)
      .fillColor('#4b5563')
      .text(date, m + 12, m + (title !== null ? 34 : 10), { lineBreak: false });
  doc
    .font('jp')
    .fontSize(9)
    .fillColor('#6b7280')
    .text('grareco', m + 12, box.pageHeight - m - FOOTER_HEIGHT + 8, { lineBreak: false });
}

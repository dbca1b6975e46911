/**
 * Page choices: the board's own ratio on one page, or A3 / A1 landscape with margins. Apart
 * from the renderer, so the live server's routes read them without loading pdfkit or resvg,
 * which only the export process needs.
 */
export const PDF_PAGES = { board: 'board', a3: 'a3', a1: 'a1' } as const;
export type PdfPage = (typeof PDF_PAGES)[keyof typeof PDF_PAGES];

export interface PdfOptions {
  page: PdfPage;
  /** Title and date above the board, and a footer. */
  header: boolean;
  date?: string;
  subject?: string;
}

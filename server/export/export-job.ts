import type { BoardDocument } from '../../shared/board';
import type { PdfOptions } from './pdf-export';
import type { PngSize } from './png-export';

/** One export, as sent to the export worker thread. */
export type ExportJob =
  | {
      kind: 'pdf';
      doc: BoardDocument;
      options: PdfOptions;
      images: Map<string, { mime: string; bytes: Uint8Array }>;
    }
  | {
      kind: 'png';
      doc: BoardDocument;
      size: PngSize;
      images: Map<string, { mime: string; bytes: Uint8Array }>;
    }
  | { kind: 'svg'; doc: BoardDocument; images: Map<string, { mime: string; bytes: Uint8Array }> };

export type ExportReply = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

/**
 * One export rendered in a child process of the test (node --import tsx …), so a native abort
 * in resvg fails that one case instead of killing vitest. Usage:
 *   render-child.ts <job.json> <output> <file>
 * where output is png-web | png-print | png-thumb | pdf | svg | svg-raster; the job file holds
 * { doc, images: { [assetId]: { mime, base64 } } }. svg-raster is the SVG export rasterised
 * whole by resvg (no bands), to sample what the SVG itself draws.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { BoardDocument } from '../../shared/board';
import type { ImageBytes } from '../../server/export/asset-images';
import { FONT_FAMILY, FONT_FILES } from '../../server/export/fonts';
import { boardPdf } from '../../server/export/pdf-export';
import { boardPng } from '../../server/export/png-export';
import { boardSvg } from '../../server/export/svg-export';

export interface RenderJob {
  doc: BoardDocument;
  images: Record<string, { mime: string; base64: string }>;
}

const [jobFile, output, file] = process.argv.slice(2);
if (!jobFile || !output || !file) throw new Error('usage: render-child.ts <job.json> <output> <file>');
const job = JSON.parse(readFileSync(jobFile, 'utf8')) as RenderJob;
const images = new Map<string, ImageBytes>(
  Object.entries(job.images).map(([id, i]) => [id, { mime: i.mime, bytes: Buffer.from(i.base64, 'base64') }]),
);

async function render(): Promise<Buffer | string> {
  switch (output) {
    case 'png-web':
      return boardPng(job.doc, 'web', images);
    case 'png-print':
      return boardPng(job.doc, 'print', images);
    case 'png-thumb':
      return boardPng(job.doc, 'thumb', images);
    case 'pdf':
      return boardPdf(job.doc, { page: 'board', header: false }, images);
    case 'svg':
      return boardSvg(job.doc, images);
    case 'svg-raster': {
      const resvg = new Resvg(boardSvg(job.doc, images), {
        fitTo: { mode: 'width', value: 800 },
        background: '#ffffff',
        font: {
          fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
          loadSystemFonts: false,
          defaultFontFamily: FONT_FAMILY,
        },
      });
      return resvg.render().asPng();
    }
    default:
      throw new Error(`unknown output ${output}`);
  }
}

writeFileSync(file, await render());

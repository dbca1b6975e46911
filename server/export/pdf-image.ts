import { renderAsync } from '@resvg/resvg-js';
import { dataUri, type ImageBytes } from './asset-images';

/**
 * pdfkit embeds PNG and JPEG only: a WebP is redrawn as PNG by resvg (off the event loop)
 * at its own size, so the PDF shows the same pixels.
 */
export async function pdfReadyImage(image: ImageBytes, width: number, height: number): Promise<Buffer> {
  if (image.mime !== 'image/webp') return image.bytes;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}">` +
    `<image width="${width}" height="${height}" xlink:href="${dataUri(image)}"/></svg>`;
  return (await renderAsync(svg)).asPng();
}

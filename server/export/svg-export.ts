import type { BoardDocument } from '../../shared/board';
import { toSvgMatrix } from '../../shared/geometry/matrix';
import { IDENTITY } from '../../shared/objects/placement';
import type { BoardObject } from '../../shared/objects/board-object';
import { imagePlaceholder, objectPrimitives, paintOrder, type Primitive } from '../../shared/render/scene';
import { dataUri, type ImageBytes, type NoticeListener } from './asset-images';
import { FONT_FAMILY } from './fonts';
import { imageProblem, type ImageProblem } from './image-check';

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function transformAttr(m: Primitive['transform']): string {
  const identity = m.every((v, i) => v === IDENTITY[i]);
  return identity ? '' : ` transform="${toSvgMatrix(m)}"`;
}

function primitiveSvg(p: Primitive, images: ReadonlyMap<string, ImageBytes>): string {
  switch (p.kind) {
    case 'path': {
      const attrs = [`d="${escapeXml(p.d)}"`, `fill="${p.fill ?? 'none'}"`];
      if (p.stroke) {
        attrs.push(`stroke="${p.stroke}"`, `stroke-width="${p.strokeWidth}"`);
        attrs.push('stroke-linecap="round"', 'stroke-linejoin="round"');
      }
      // Per paint, never the element's `opacity`: resvg 0.34 (resvg-js 2.6) draws an element
      // with `opacity` through a layer clipped to the canvas, and panics (geom.rs:27, an abort
      // no try/catch sees) when that element lies wholly below or right of the canvas, as most
      // of a board does for each band of a banded PNG. Paint opacities take no layer, and they
      // are what the canvas (globalAlpha per fill and stroke) and the PDF (fillOpacity,
      // strokeOpacity) do as well.
      if (p.opacity < 1) {
        if (p.fill) attrs.push(`fill-opacity="${p.opacity}"`);
        if (p.stroke) attrs.push(`stroke-opacity="${p.opacity}"`);
      }
      return `<path ${attrs.join(' ')}${transformAttr(p.transform)}/>`;
    }
    case 'text': {
      const weight = p.bold ? ' font-weight="700"' : '';
      const spans = p.lines
        .map((l) => `<tspan x="0" y="${l.baseline}">${escapeXml(l.text)}</tspan>`)
        .join('');
      return (
        `<text xml:space="preserve" font-family="${FONT_FAMILY}" font-size="${p.fontSize}"${weight} fill="${p.color}"` +
        `${transformAttr(p.transform)}>${spans}</text>`
      );
    }
    case 'image': {
      const image = images.get(p.assetId);
      // Callers draw a placeholder for an image that cannot be drawn; this is the last guard.
      if (!image) return '';
      return (
        `<image width="${p.w}" height="${p.h}" preserveAspectRatio="none" href="${dataUri(image)}"` +
        `${transformAttr(p.transform)}/>`
      );
    }
  }
}

/** Each asset is checked once per export, however many records show it. */
function problemOf(
  cache: Map<string, ImageProblem | undefined>,
  assetId: string,
  images: ReadonlyMap<string, ImageBytes>,
): ImageProblem | undefined {
  if (!cache.has(assetId)) cache.set(assetId, imageProblem(images.get(assetId)));
  return cache.get(assetId);
}

export function placeholderNotice(object: BoardObject, assetId: string, reason: ImageProblem) {
  return { kind: 'image_placeholder', objectId: object.id, assetId, reason } as const;
}

/** How often (in objects) a long export says how far it got. */
export const PROGRESS_EVERY = 250;

/** What a published SVG adds: a text alternative, and a style sheet of the caller's own (never board text). */
export interface SvgExtras {
  description?: string;
  style?: string;
}

/**
 * The board as one standalone SVG in board units, drawn from the shared scene primitives.
 * onObjects counts the records drawn, for an export's progress.
 */
export function boardSvg(
  doc: BoardDocument,
  images: ReadonlyMap<string, ImageBytes> = new Map(),
  onObjects?: (done: number, total: number) => void,
  onNotice?: NoticeListener,
  extras: SvgExtras = {},
): string {
  const problems = new Map<string, ImageProblem | undefined>();
  const { width: W, height: H } = doc.meta;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`);
  out.push(`<title>${escapeXml(doc.title)}</title>`);
  if (extras.description) out.push(`<desc>${escapeXml(extras.description)}</desc>`);
  // The caller's own constant, never board text: written as it is.
  if (extras.style) out.push(`<style>${extras.style}</style>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  const ordered = paintOrder(doc.objects);
  onObjects?.(0, ordered.length);
  for (const [i, object] of ordered.entries()) {
    for (const p of objectPrimitives(object)) {
      const problem = p.kind === 'image' ? problemOf(problems, p.assetId, images) : undefined;
      if (p.kind === 'image' && problem) {
        onNotice?.(placeholderNotice(object, p.assetId, problem));
        for (const q of imagePlaceholder(p)) out.push(primitiveSvg(q, images));
      } else out.push(primitiveSvg(p, images));
    }
    if ((i + 1) % PROGRESS_EVERY === 0) onObjects?.(i + 1, ordered.length);
  }
  onObjects?.(ordered.length, ordered.length);
  out.push('</svg>');
  return out.join('\n');
}

import type { BoardDocument } from '../../shared/board';
import { objectPrimitives, paintOrder, type Primitive } from '../../shared/render/scene';

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function toSvgMatrix(m: readonly number[]): string {
  return `matrix(${m.map((v) => Math.round(v * 1e4) / 1e4).join(' ')})`;
}

function isIdentity(m: readonly number[]): boolean {
  return m[0] === 1 && m[1] === 0 && m[2] === 0 && m[3] === 1 && m[4] === 0 && m[5] === 0;
}

function primitiveSvg(p: Primitive): string {
  const attrs = [`d="${escapeXml(p.d)}"`];
  attrs.push(`fill="${p.fill ?? 'none'}"`);
  if (p.stroke) {
    attrs.push(`stroke="${p.stroke}"`, `stroke-width="${p.strokeWidth}"`);
    attrs.push('stroke-linecap="round"', 'stroke-linejoin="round"');
  }
  if (p.opacity < 1) attrs.push(`opacity="${p.opacity}"`);
  if (!isIdentity(p.transform)) attrs.push(`transform="${toSvgMatrix(p.transform)}"`);
  return `<path ${attrs.join(' ')}/>`;
}

/** The board as one standalone SVG in board units, drawn from the shared scene primitives. */
export function boardSvg(doc: BoardDocument, opts: { width?: number } = {}): string {
  const { width: W, height: H } = doc.meta;
  const out: string[] = [];
  const size = opts.width
    ? `width="${opts.width}" height="${Math.round((opts.width * H) / W)}"`
    : `width="${W}" height="${H}"`;
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" ${size} viewBox="0 0 ${W} ${H}">`);
  out.push(`<title>${escapeXml(doc.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  for (const object of paintOrder(doc.objects)) {
    for (const p of objectPrimitives(object)) out.push(primitiveSvg(p));
  }
  out.push('</svg>');
  return out.join('\n');
}

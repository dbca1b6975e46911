import type { TMat2D } from 'fabric';

type P = readonly [number, number];

export interface OverlayState {
  /** The selection's box on the board: four corners, top-left first, clockwise. */
  corners: readonly P[] | null;
  /** Board points of the corner handles and the rotate handle (with the top edge's middle). */
  handles: { corners: readonly P[]; rotate: P; topMid: P } | null;
  /** The lasso being drawn, in board points. */
  lasso: readonly P[] | null;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const COLOR = '#1c7ed6';
/** Half the side of a corner handle and the radius of the rotate handle, in CSS pixels. */
export const HANDLE_PX = 6;

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/**
 * The selection box, its handles and the lasso, drawn in an SVG laid over the board canvas
 * (never on it: the board's pixels show only the board). It takes no pointer events.
 */
export class SelectionOverlay {
  readonly #svg: SVGSVGElement;

  constructor(host: HTMLElement) {
    this.#svg = el('svg', { 'data-testid': 'selection-overlay', 'aria-hidden': 'true' });
    Object.assign(this.#svg.style, {
      position: 'absolute',
      inset: '0',
      width: '100%',
      height: '100%',
      pointerEvents: 'none',
      overflow: 'visible',
    });
    host.append(this.#svg);
  }

  draw(state: OverlayState, vt: TMat2D): void {
    const at = ([x, y]: P): [string, string] => [
      (x * vt[0] + vt[4]).toFixed(1),
      (y * vt[3] + vt[5]).toFixed(1),
    ];
    const list = (points: readonly P[]): string => points.map((p) => at(p).join(',')).join(' ');
    const stroke = { stroke: COLOR, 'stroke-width': '1.5' };
    const nodes: SVGElement[] = [];
    if (state.corners) {
      const points = list(state.corners);
      nodes.push(el('polygon', { points, fill: 'none', stroke: '#ffffff', 'stroke-width': '3' }));
      nodes.push(el('polygon', { points, fill: 'none', ...stroke }));
    }
    if (state.handles) {
      const [x1, y1] = at(state.handles.topMid);
      const [x2, y2] = at(state.handles.rotate);
      nodes.push(el('line', { x1, y1, x2, y2, ...stroke }));
      const r = String(HANDLE_PX);
      nodes.push(el('circle', { cx: x2, cy: y2, r, fill: '#ffffff', ...stroke, 'data-handle': 'rotate' }));
      for (const c of state.handles.corners) {
        const [cx, cy] = at(c).map(Number) as [number, number];
        const side = String(2 * HANDLE_PX);
        const box = { x: String(cx - HANDLE_PX), y: String(cy - HANDLE_PX), width: side, height: side };
        nodes.push(el('rect', { ...box, fill: '#ffffff', ...stroke, 'data-handle': 'corner' }));
      }
    }
    if (state.lasso && state.lasso.length > 1) {
      const points = list(state.lasso);
      const dash = { 'stroke-dasharray': '6 4' };
      nodes.push(el('polygon', { points, fill: 'rgba(28, 126, 214, 0.06)', ...stroke, ...dash }));
    }
    this.#svg.replaceChildren(...nodes);
  }

  destroy(): void {
    this.#svg.remove();
  }
}

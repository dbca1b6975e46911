import { newId } from '../../../shared/ids';
import { translation } from '../../../shared/geometry/matrix';
import type { BoardObject } from '../../../shared/objects/board-object';
import { SHAPE_KINDS, type ShapeKind, type ShapeRecord } from '../../../shared/objects/shape';
import type { Tool, ToolHost } from './tool';

/** The picker's order: boxes first, then lines and arrows, then the graphic-recording shapes. */
export const SHAPE_ORDER: readonly ShapeKind[] = [
  SHAPE_KINDS.rect,
  SHAPE_KINDS.roundRect,
  SHAPE_KINDS.ellipse,
  SHAPE_KINDS.line,
  SHAPE_KINDS.arrow,
  SHAPE_KINDS.curvedArrow,
  SHAPE_KINDS.bubble,
  SHAPE_KINDS.banner,
];

/** Stroke widths (board units) of the small / medium / large size buttons. */
export const SHAPE_STROKE_WIDTHS = [6, 10, 16] as const;
/** How bent a new curved arrow is (shared `bend`: −1 … 1 of the chord). */
export const CURVED_ARROW_BEND = 0.3;
/** A click without a drag makes a shape of this size (board units), centred on the click. */
export const DEFAULT_SHAPE_SIZE = { w: 480, h: 300 } as const;
/** How much of the colour a fill keeps: a light tint, so lettering inside stays readable. */
export const FILL_TINT = 0.18;

export interface ShapeStyle {
  kind: ShapeKind;
  color: string;
  strokeWidth: number;
  /** Fill closed shapes with a light tint of the colour. */
  fill: boolean;
}

export function isLineKind(kind: ShapeKind): boolean {
  return kind === 'line' || kind === 'arrow' || kind === 'curvedArrow';
}

/** The colour mixed with white: `share` of the colour, the rest white. '#rrggbb' in, out. */
export function tint(color: string, share = FILL_TINT): string {
  const n = Number.parseInt(color.slice(1), 16);
  const mix = (c: number): string =>
    Math.round(255 - (255 - c) * share)
      .toString(16)
      .padStart(2, '0');
  return `#${mix((n >> 16) & 255)}${mix((n >> 8) & 255)}${mix(n & 255)}`;
}

/**
 * The record for a drag from `a` to `b` (board units). A box spans the two points; a line or
 * an arrow runs from `a` to `b`, flipX/flipY choosing which diagonal of its box that is.
 * `square` (Shift held) makes a box square and snaps a line to 45°.
 */
export function shapeFromDrag(
  id: string,
  style: ShapeStyle,
  a: readonly [number, number],
  b: readonly [number, number],
  square = false,
): ShapeRecord {
  let dx = b[0] - a[0];
  let dy = b[1] - a[1];
  if (square) {
    if (isLineKind(style.kind)) {
      const angle = Math.round(Math.atan2(dy, dx) / (Math.PI / 4)) * (Math.PI / 4);
      const len = Math.hypot(dx, dy);
      dx = Math.cos(angle) * len;
      dy = Math.sin(angle) * len;
    } else {
      const side = Math.max(Math.abs(dx), Math.abs(dy));
      dx = Math.sign(dx || 1) * side;
      dy = Math.sign(dy || 1) * side;
    }
  }
  const x = Math.round(Math.min(a[0], a[0] + dx));
  const y = Math.round(Math.min(a[1], a[1] + dy));
  return {
    id,
    type: 'shape',
    shape: style.kind,
    stroke: style.color,
    fill: style.fill && !isLineKind(style.kind) ? tint(style.color) : null,
    strokeWidth: style.strokeWidth,
    flipX: dx < 0,
    flipY: dy < 0,
    bend: style.kind === 'curvedArrow' ? CURVED_ARROW_BEND : 0,
    w: Math.max(1, Math.round(Math.abs(dx))),
    h: Math.max(1, Math.round(Math.abs(dy))),
    transform: translation(x, y),
  };
}

/** A click without a drag: a default-sized shape centred on the click (a line runs left to right). */
export function shapeAtClick(id: string, style: ShapeStyle, at: readonly [number, number]): ShapeRecord {
  const { w, h } = DEFAULT_SHAPE_SIZE;
  if (isLineKind(style.kind)) {
    return shapeFromDrag(id, style, [at[0] - w / 2, at[1]], [at[0] + w / 2, at[1]]);
  }
  return shapeFromDrag(id, style, [at[0] - w / 2, at[1] - h / 2], [at[0] + w / 2, at[1] + h / 2]);
}

/** A press that moves less than this (screen pixels) is a click. */
const CLICK_SLOP_PX = 6;

export interface PreviewHost {
  /** Shows a record that is not on the board yet (a shape being dragged); null removes it. */
  previewObject(id: string, record: BoardObject | null): void;
}

/**
 * The shapes tool: a drag draws the shape's box (a line or an arrow from press to release),
 * previewed while dragging; the release adds it. A click places a default-sized shape.
 */
export function createShapeTool(host: ToolHost & PreviewHost, style: () => ShapeStyle): Tool {
  let drag: {
    pointerId: number;
    id: string;
    style: ShapeStyle;
    from: [number, number];
    cx: number;
    cy: number;
    moved: boolean;
  } | null = null;

  function current(e: PointerEvent): ShapeRecord | null {
    const d = drag;
    if (!d) return null;
    if (Math.hypot(e.clientX - d.cx, e.clientY - d.cy) > CLICK_SLOP_PX) d.moved = true;
    if (!d.moved) return null;
    return shapeFromDrag(d.id, d.style, d.from, host.boardPoint(e), e.shiftKey);
  }

  function end(): void {
    if (drag) host.previewObject(drag.id, null);
    drag = null;
  }

  return {
    cursor: 'crosshair',
    down(e) {
      if (drag || (e.pointerType === 'mouse' && e.button !== 0)) return;
      drag = {
        pointerId: e.pointerId,
        id: newId(),
        style: style(),
        from: host.boardPoint(e),
        cx: e.clientX,
        cy: e.clientY,
        moved: false,
      };
    },
    move(samples) {
      const e = samples[samples.length - 1];
      if (!drag || !e) return;
      const record = current(e);
      if (record) host.previewObject(record.id, record);
    },
    up(e) {
      const d = drag;
      if (!d || e.pointerId !== d.pointerId) return;
      const record = current(e) ?? shapeAtClick(d.id, d.style, d.from);
      end();
      host.emitOp({ id: newId(), kind: 'add', objects: [record] });
    },
    cancel() {
      end();
    },
  };
}

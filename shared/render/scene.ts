import { multiply, scaling } from '../geometry/matrix';
import { outlineToSvgPath, strokeOutline, type Vec2 } from '../geometry/outline';
import { shapeGeometry } from '../geometry/shapes';
import { layoutText, notoSansJpMeasure, TEXT_LINE_HEIGHT } from '../geometry/text-layout';
import { layerIndex } from '../layers';
import type { BoardObject } from '../objects/board-object';
import { IDENTITY, type Transform } from '../objects/placement';
import type { TextRecord } from '../objects/text';
import { getStamp, STAMP_BOX, STAMP_STROKE_WIDTH } from '../stamps/library';

/**
 * What a record looks like, as plain drawing primitives in board units. The exporters (SVG,
 * PDF, PNG) draw these and nothing else, so every output shows what the board showed.
 */
export type Primitive =
  | {
      kind: 'path';
      /** SVG path data (the exporters). For a stroke it is made only when read. */
      readonly d: string;
      /** A stroke's outline (closed): what a canvas draws from, with no SVG text between. */
      outline?: readonly Vec2[];
      fill: string | null;
      stroke: string | null;
      strokeWidth: number;
      opacity: number;
      transform: Transform;
    }
  | {
      kind: 'text';
      /** Each line with the y of its baseline in the record's own coordinates (x is 0). */
      lines: { text: string; baseline: number }[];
      fontSize: number;
      bold: boolean;
      color: string;
      transform: Transform;
    }
  | { kind: 'image'; assetId: string; w: number; h: number; transform: Transform };

/**
 * Where the first baseline sits below a line box's top, in em: Noto Sans JP's ascent (1.16)
 * and descent (0.288) centred in the 1.35 line box.
 */
export const TEXT_BASELINE = (TEXT_LINE_HEIGHT - (1.16 + 0.288)) / 2 + 1.16;

export function textLines(record: Pick<TextRecord, 'text' | 'w' | 'fontSize' | 'bold'>): string[] {
  return layoutText(record.text, record.w, notoSansJpMeasure(record.fontSize, record.bold));
}

export function objectPrimitives(object: BoardObject): Primitive[] {
  switch (object.type) {
    case 'stroke': {
      const outline = strokeOutline(object, object.points);
      if (outline.length === 0) return [];
      const transform = object.transform ?? IDENTITY;
      let d: string | undefined;
      return [
        {
          kind: 'path',
          get d() {
            d ??= outlineToSvgPath(outline);
            return d;
          },
          outline,
          fill: object.color,
          stroke: null,
          strokeWidth: 0,
          opacity: object.opacity,
          transform,
        },
      ];
    }
    case 'shape': {
      const g = shapeGeometry(object);
      const out: Primitive[] = [
        {
          kind: 'path',
          d: g.body,
          fill: g.closed ? object.fill : null,
          stroke: object.strokeWidth > 0 ? object.stroke : null,
          strokeWidth: object.strokeWidth,
          opacity: 1,
          transform: object.transform,
        },
      ];
      if (g.head) {
        out.push({
          kind: 'path',
          d: g.head,
          fill: object.stroke,
          stroke: null,
          strokeWidth: 0,
          opacity: 1,
          transform: object.transform,
        });
      }
      return out;
    }
    case 'stamp': {
      const transform = multiply(object.transform, scaling(object.w / STAMP_BOX, object.h / STAMP_BOX));
      const def = getStamp(object.stamp);
      if (!def) {
        // A stamp this version does not know: a visible box rather than nothing.
        const box = `M0 0L${STAMP_BOX} 0L${STAMP_BOX} ${STAMP_BOX}L0 ${STAMP_BOX}Z`;
        return [
          {
            kind: 'path',
            d: box,
            fill: null,
            stroke: '#adb5bd',
            strokeWidth: STAMP_STROKE_WIDTH,
            opacity: 1,
            transform,
          },
        ];
      }
      return [
        ...(def.fills ?? []).map((d): Primitive => ({
          kind: 'path',
          d,
          fill: object.color,
          stroke: null,
          strokeWidth: 0,
          opacity: 1,
          transform,
        })),
        ...def.strokes.map((d): Primitive => ({
          kind: 'path',
          d,
          fill: null,
          stroke: object.color,
          strokeWidth: STAMP_STROKE_WIDTH,
          opacity: 1,
          transform,
        })),
      ];
    }
    case 'text': {
      const lines = textLines(object).map((text, i) => ({
        text,
        baseline: (i * TEXT_LINE_HEIGHT + TEXT_BASELINE) * object.fontSize,
      }));
      return [
        {
          kind: 'text',
          lines,
          fontSize: object.fontSize,
          bold: object.bold,
          color: object.color,
          transform: object.transform,
        },
      ];
    }
    case 'image':
      return [
        { kind: 'image', assetId: object.assetId, w: object.w, h: object.h, transform: object.transform },
      ];
  }
}

export type ImagePrimitive = Extract<Primitive, { kind: 'image' }>;

/** The grey of an image that cannot be drawn (and its outline and cross). */
export const PLACEHOLDER_COLORS = { fill: '#e9ecef', line: '#868e96' } as const;

/**
 * What an image that cannot be drawn (its file missing or damaged) shows instead: a grey box
 * with a cross at the image's place and size, so the export still shows that something is
 * there, and every exporter shows the same.
 */
export function imagePlaceholder(image: ImagePrimitive): Primitive[] {
  const { w, h, transform } = image;
  const line = Math.max(1, Math.min(w, h) * 0.02);
  return [
    {
      kind: 'path',
      d: `M0 0L${w} 0L${w} ${h}L0 ${h}Z`,
      fill: PLACEHOLDER_COLORS.fill,
      stroke: PLACEHOLDER_COLORS.line,
      strokeWidth: line,
      opacity: 1,
      transform,
    },
    {
      kind: 'path',
      d: `M0 0L${w} ${h}M${w} 0L0 ${h}`,
      fill: null,
      stroke: PLACEHOLDER_COLORS.line,
      strokeWidth: line,
      opacity: 1,
      transform,
    },
  ];
}

/** Paint order: by layer (template, shadow, ink), then the board's own order within a layer. */
export function paintOrder<T extends BoardObject>(objects: readonly T[]): T[] {
  return objects
    .map((o, i) => ({ o, i, layer: layerIndex(o) }))
    .sort((a, b) => a.layer - b.layer || a.i - b.i)
    .map((x) => x.o);
}

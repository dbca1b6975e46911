import { boardMetaSchema, type BoardDocument } from '../../shared/board';
import type { BoardObject } from '../../shared/objects/board-object';
import { PEN_PRESETS, type PenTool } from '../../shared/presets';
import { BAND_ROWS, PNG_SIZES, type PngSize } from '../../server/export/png-export';
import { makePng } from './images';

/**
 * A board for the export matrix: every pen preset and record kind, each placed across every
 * edge of the board and across band boundaries of every PNG size. Portrait (1600 × 2000) so
 * that even the thumbnail (480 px wide, 600 rows) is drawn in more than one band.
 */
export const MATRIX_BOARD = { width: 1600, height: 2000 } as const;
/** Each record fills a SIDE × SIDE box centred on its spot. */
const SIDE = 80;

export const MATRIX_KINDS = [
  'pen',
  'marker',
  'highlighter',
  'shadow',
  'text',
  'shape',
  'stamp',
  'image',
] as const;
export type MatrixKind = (typeof MATRIX_KINDS)[number];

/** A solid red image, as the image records show it. */
export const MATRIX_ASSET_ID = 'a'.repeat(64);
export const MATRIX_IMAGE = makePng(16, 16);

/** The board y of the k-th band boundary of a PNG size. */
export function bandBoundary(size: PngSize, k: number): number {
  return (k * BAND_ROWS * MATRIX_BOARD.width) / PNG_SIZES[size];
}

export interface Placement {
  kind: MatrixKind;
  /** Where it sits, e.g. "top edge", "web band 2|3". */
  where: string;
  cx: number;
  cy: number;
}

/** The centres: on each edge (half the record off the board) and on band boundaries. */
export function matrixPlacements(): Placement[] {
  const { width: W, height: H } = MATRIX_BOARD;
  const rows: { where: string; cy: number }[] = [
    { where: 'top edge', cy: 0 },
    { where: 'web band 1|2', cy: bandBoundary('web', 1) },
    { where: 'print band 4|5', cy: bandBoundary('print', 4) },
    { where: 'web band 2|3', cy: bandBoundary('web', 2) },
    { where: 'web band 3|4', cy: bandBoundary('web', 3) },
    { where: 'print band 9|10', cy: bandBoundary('print', 9) },
    { where: 'thumb band 1|2', cy: bandBoundary('thumb', 1) },
    { where: 'bottom edge', cy: H },
  ];
  const out: Placement[] = [];
  for (const [i, kind] of MATRIX_KINDS.entries()) {
    // One column per kind, clear of the left and right edge strips.
    const cx = 250 + i * 155;
    for (const row of rows) out.push({ kind, where: row.where, cx, cy: row.cy });
    // One row per kind on the left and right edges.
    const cy = 200 + i * 200;
    out.push({ kind, where: 'left edge', cx: 0, cy }, { kind, where: 'right edge', cx: W, cy });
  }
  return out;
}

/** A region no record reaches: must stay white in every output. */
export const MATRIX_EMPTY = { x0: 1400, y0: 300, x1: 1520, y1: 400 } as const;

function record(p: Placement, id: string): BoardObject {
  const x = p.cx - SIDE / 2;
  const y = p.cy - SIDE / 2;
  const at: [number, number, number, number, number, number] = [1, 0, 0, 1, x, y];
  switch (p.kind) {
    case 'pen':
    case 'marker':
    case 'highlighter':
    case 'shadow':
      return stroke(p.kind, p.cx, p.cy, id);
    case 'text':
      return {
        id,
        type: 'text',
        text: 'あ',
        fontSize: 60,
        color: '#1f2328',
        bold: true,
        w: SIDE,
        h: SIDE,
        transform: at,
      };
    case 'shape':
      return {
        id,
        type: 'shape',
        shape: 'rect',
        stroke: '#1c7ed6',
        fill: '#a5d8ff',
        strokeWidth: 8,
        flipX: false,
        flipY: false,
        bend: 0,
        w: SIDE,
        h: SIDE,
        transform: at,
      };
    case 'stamp':
      return { id, type: 'stamp', stamp: 'heart', color: '#e03131', w: SIDE, h: SIDE, transform: at };
    case 'image':
      return { id, type: 'image', assetId: MATRIX_ASSET_ID, w: SIDE, h: SIDE, transform: at };
  }
}

const STROKE_COLOUR: Record<PenTool, string> = {
  pen: '#1f2328',
  marker: '#1c7ed6',
  highlighter: '#fcc419',
  shadow: '#adb5bd',
};

/** A zigzag filling most of the box, in the preset's largest size and own opacity. */
function stroke(tool: PenTool, cx: number, cy: number, id: string): BoardObject {
  const preset = PEN_PRESETS[tool];
  const size = Math.min(preset.sizes[2], 40);
  const points: [number, number, number][] = [];
  for (let i = 0; i <= 6; i++) points.push([cx - 24 + i * 8, cy + (i % 2 === 0 ? -20 : 20), 0.6]);
  return {
    id,
    type: 'stroke',
    tool,
    color: STROKE_COLOUR[tool],
    size,
    opacity: preset.opacity,
    simulatePressure: false,
    points,
  };
}

export function matrixBoard(): BoardDocument {
  const objects = matrixPlacements().map((p, i) => record(p, `m${i}`));
  const meta = boardMetaSchema.parse({
    id: 'matrix',
    title: 'matrix',
    ...MATRIX_BOARD,
    createdAt: 0,
    locked: false,
  });
  return { id: meta.id, title: meta.title, seq: objects.length, meta, objects };
}

/** The part of a placement's box on the board, in board units. */
export function visibleBox(p: Placement): { x0: number; y0: number; x1: number; y1: number } {
  const { width: W, height: H } = MATRIX_BOARD;
  return {
    x0: Math.max(0, p.cx - SIDE / 2),
    y0: Math.max(0, p.cy - SIDE / 2),
    x1: Math.min(W, p.cx + SIDE / 2),
    y1: Math.min(H, p.cy + SIDE / 2),
  };
}

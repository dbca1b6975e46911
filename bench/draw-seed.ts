import { newId } from '../shared/ids';
import { LIMITS } from '../shared/limits';
import type { Point, Stroke } from '../shared/objects/stroke';
import { DEFAULT_PALETTE, SHADOW_GRAY } from '../shared/palette';
import { PEN_PRESETS, type PenTool } from '../shared/presets';
import type { AddOp } from '../shared/ops';

/** Deterministic pseudo-random numbers, so every run seeds the same board. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * What 2.5 hours of graphic recording leaves on a 3840×2160 board: mostly fine-pen lettering
 * in blocks, chisel-marker headings, translucent highlighter bands and gray shadow strokes
 * under them. Mix by share of strokes.
 */
const MIX: readonly { tool: PenTool; share: number }[] = [
  { tool: 'pen', share: 0.72 },
  { tool: 'marker', share: 0.14 },
  { tool: 'highlighter', share: 0.06 },
  { tool: 'shadow', share: 0.08 },
];

function pickTool(r: number): PenTool {
  let acc = 0;
  for (const { tool, share } of MIX) {
    acc += share;
    if (r < acc) return tool;
  }
  return 'pen';
}

/** How each preset moves: board units per sample and how fast the heading turns. */
const MOTION: Readonly<Record<PenTool, { step: [number, number]; turn: number; wobble: number }>> = {
  // Letters: small curls about as tall as a line of handwriting.
  pen: { step: [1.2, 2.8], turn: 0.35, wobble: 0.5 },
  // Headings, frames, arrows.
  marker: { step: [3, 6], turn: 0.08, wobble: 0.2 },
  // Bands under a line of text: nearly straight.
  highlighter: { step: [6, 10], turn: 0.01, wobble: 0.04 },
  // Shading beside shapes and figures.
  shadow: { step: [3, 6], turn: 0.06, wobble: 0.2 },
};

/**
 * One stroke of 30–80 points: a wandering curve sampled like a stylus, pressure rising and
 * falling along it. Integer board units, as the client sends after rounding.
 */
function strokePoints(rand: () => number, tool: PenTool, x0: number, y0: number): Point[] {
  const motion = MOTION[tool];
  const n = 30 + Math.floor(rand() * 51);
  const turn = (rand() - 0.5) * 2 * motion.turn;
  let heading = tool === 'highlighter' ? (rand() < 0.5 ? 0 : Math.PI) : rand() * Math.PI * 2;
  const step = motion.step[0] + rand() * (motion.step[1] - motion.step[0]);
  let x = x0;
  let y = y0;
  const points: Point[] = [];
  for (let i = 0; i < n; i++) {
    heading += turn + (rand() - 0.5) * motion.wobble;
    x += Math.cos(heading) * step;
    y += Math.sin(heading) * step;
    const pressure = 0.3 + 0.5 * Math.sin((Math.PI * i) / (n - 1)) + (rand() - 0.5) * 0.1;
    points.push([Math.round(x), Math.round(y), Math.round(Math.min(1, Math.max(0, pressure)) * 100) / 100]);
  }
  return points;
}

/** Handwriting is mostly dark ink; accents go to headings and marks. */
function colorFor(rand: () => number, tool: PenTool): string {
  const fixed = PEN_PRESETS[tool].fixedColor;
  if (fixed) return tool === 'shadow' ? SHADOW_GRAY : fixed;
  const r = rand();
  const dark = tool === 'pen' ? 0.8 : 0.25;
  if (r < dark) return DEFAULT_PALETTE[r < dark * 0.75 ? 0 : 1];
  return DEFAULT_PALETTE[2 + Math.floor(rand() * (DEFAULT_PALETTE.length - 2))] ?? DEFAULT_PALETTE[0];
}

/**
 * `count` strokes spread over the board: lettering clusters in text blocks (as a recorder
 * writes line by line), the other presets anywhere, every colour of the default palette.
 */
export function seedStrokes(count: number, board = { width: 3840, height: 2160 }): Stroke[] {
  const rand = seeded(2026_11_27);
  const strokes: Stroke[] = [];
  // A text block: lines of letters written left to right, then the next line below.
  let blockX = 0;
  let blockY = 0;
  let cursor = 0;
  for (let i = 0; i < count; i++) {
    const tool = pickTool(rand());
    const preset = PEN_PRESETS[tool];
    const size = preset.sizes[Math.floor(rand() * 3)] ?? preset.sizes[1];
    let x0: number;
    let y0: number;
    if (tool === 'pen') {
      if (cursor % 120 === 0) {
        blockX = 80 + rand() * (board.width - 1100);
        blockY = 80 + rand() * (board.height - 500);
      }
      x0 = blockX + (cursor % 30) * 32;
      y0 = blockY + Math.floor((cursor % 120) / 30) * 90;
      cursor++;
    } else {
      x0 = 60 + rand() * (board.width - 120);
      y0 = 60 + rand() * (board.height - 120);
    }
    strokes.push({
      id: newId(),
      type: 'stroke',
      tool,
      color: colorFor(rand, tool),
      size,
      opacity: preset.opacity,
      simulatePressure: false,
      points: strokePoints(rand, tool, x0, y0),
    });
  }
  return strokes;
}

/** The strokes as add ops of at most LIMITS.objectsPerAddOp, in drawing order. */
export function seedOps(strokes: readonly Stroke[]): AddOp[] {
  const ops: AddOp[] = [];
  for (let i = 0; i < strokes.length; i += LIMITS.objectsPerAddOp) {
    ops.push({ id: newId(), kind: 'add', objects: strokes.slice(i, i + LIMITS.objectsPerAddOp) });
  }
  return ops;
}

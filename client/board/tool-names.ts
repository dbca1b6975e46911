import { PEN_TOOLS, type PenTool } from '../../shared/presets';

/** Every tool the board controller knows; the pen presets come from shared/presets.ts. */
export const TOOLS = {
  ...PEN_TOOLS,
  eraser: 'eraser',
  /** The partial eraser: cuts strokes where it passes. */
  eraserPartial: 'eraser-partial',
  select: 'select',
  hand: 'hand',
  laser: 'laser',
  none: 'none',
  text: 'text',
  shape: 'shape',
  stamp: 'stamp',
} as const;
export type ToolName = (typeof TOOLS)[keyof typeof TOOLS];
export type { PenTool };

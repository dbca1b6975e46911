import type { StrokeStyle } from '../../shared/objects/stroke';
import { PEN_PRESETS, type PenTool } from '../../shared/presets';

/** A stroke's style minus the input kind, which the pen learns from each gesture. */
export type PenStyle = Omit<StrokeStyle, 'simulatePressure'>;

export type SizeIndex = 0 | 1 | 2;

/** Presets instead of sliders: the preset fixes opacity and sizes; the shadow pen its colour. */
export function penStyle(tool: PenTool, color: string, sizeIndex: SizeIndex): PenStyle {
  const preset = PEN_PRESETS[tool];
  return {
    tool,
    color: preset.fixedColor ?? color,
    size: preset.sizes[sizeIndex],
    opacity: preset.opacity,
  };
}

/** Pen presets instead of sliders: each is a fixed perfect-freehand recipe plus three sizes. */
export const LAYERS = { template: 'template', shadow: 'shadow', ink: 'ink' } as const;
export type Layer = (typeof LAYERS)[keyof typeof LAYERS];
/** Paint order, bottom first. */
export const LAYER_ORDER: readonly Layer[] = [LAYERS.template, LAYERS.shadow, LAYERS.ink];

export const PEN_TOOLS = {
  pen: 'pen',
  marker: 'marker',
  highlighter: 'highlighter',
  shadow: 'shadow',
} as const;
export type PenTool = (typeof PEN_TOOLS)[keyof typeof PEN_TOOLS];

export interface PenPreset {
  readonly layer: Layer;
  /** Diameters in board units for the small / medium / large buttons. */
  readonly sizes: readonly [number, number, number];
  readonly opacity: number;
  readonly thinning: number;
  readonly smoothing: number;
  readonly streamline: number;
  /** A fixed colour (the shadow pen is always gray); null means the palette colour. */
  readonly fixedColor: string | null;
}

export const PEN_PRESETS: Readonly<Record<PenTool, PenPreset>> = {
  pen: {
    layer: 'ink',
    sizes: [6, 10, 16],
    opacity: 1,
    thinning: 0.6,
    smoothing: 0.5,
    streamline: 0.45,
    fixedColor: null,
  },
  marker: {
    layer: 'ink',
    sizes: [14, 24, 40],
    opacity: 1,
    thinning: 0.15,
    smoothing: 0.6,
    streamline: 0.5,
    fixedColor: null,
  },
  highlighter: {
    layer: 'shadow',
    sizes: [28, 48, 72],
    opacity: 0.35,
    thinning: 0,
    smoothing: 0.6,
    streamline: 0.5,
    fixedColor: null,
  },
  shadow: {
    layer: 'shadow',
    sizes: [20, 36, 60],
    opacity: 0.55,
    thinning: 0.1,
    smoothing: 0.6,
    streamline: 0.5,
    fixedColor: '#adb5bd',
  },
};

export function isPenTool(value: unknown): value is PenTool {
  return typeof value === 'string' && Object.hasOwn(PEN_TOOLS, value);
}

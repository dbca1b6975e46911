import type { BoardObject } from './objects/board-object';
import { LAYER_ORDER, PEN_PRESETS, type Layer } from './presets';

/** A record's own layer if it names one; else strokes follow their pen, the rest are ink. */
export function layerOf(object: BoardObject): Layer {
  if (object.layer) return object.layer;
  return object.type === 'stroke' ? PEN_PRESETS[object.tool].layer : 'ink';
}

export function layerIndex(object: BoardObject): number {
  return LAYER_ORDER.indexOf(layerOf(object));
}

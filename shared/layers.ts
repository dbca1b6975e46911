import type { BoardObject } from './objects/board-object';
import { LAYER_ORDER, PEN_PRESETS, type Layer } from './presets';

export function layerOf(object: BoardObject): Layer {
  return PEN_PRESETS[object.tool].layer;
}

export function layerIndex(object: BoardObject): number {
  return LAYER_ORDER.indexOf(layerOf(object));
}

import { Path, util, type FabricObject, type TMat2D } from 'fabric';
import { applyToPoint } from '../../shared/geometry/matrix';
import { layerOf } from '../../shared/layers';
import type { BoardObject } from '../../shared/objects/board-object';
import { objectPrimitives } from '../../shared/render/scene';
import type { LayerStack } from './layer-stack';

/**
 * A path primitive as a fabric Path placed by its record's matrix: fabric draws a path's
 * points around its `pathOffset`, so the object's centre goes where the matrix takes that.
 */
function pathObject(
  d: string,
  style: { fill: string | null; stroke: string | null; strokeWidth: number; opacity: number },
  m: TMat2D,
): Path {
  const path = new Path(d, {
    fill: style.fill ?? '',
    stroke: style.stroke ?? undefined,
    strokeWidth: style.stroke ? style.strokeWidth : 0,
    strokeLineCap: 'round',
    strokeLineJoin: 'round',
    opacity: style.opacity,
    objectCaching: false,
    selectable: false,
    evented: false,
  });
  const { translateX, translateY, ...rest } = util.qrDecompose(m);
  void translateX;
  void translateY;
  const [cx, cy] = applyToPoint(m, path.pathOffset.x, path.pathOffset.y);
  path.set({ ...rest, originX: 'center', originY: 'center', left: cx, top: cy });
  path.setCoords();
  return path;
}

/**
 * Records being made that are not on the board yet (a shape while it is dragged), drawn from
 * the shared primitives so the preview is what the commit will show.
 */
export class CreationPreviews {
  readonly #layers: LayerStack;
  readonly #invalidate: () => void;
  readonly #shown = new Map<string, FabricObject[]>();

  constructor(layers: LayerStack, invalidate: () => void) {
    this.#layers = layers;
    this.#invalidate = invalidate;
  }

  set(id: string, record: BoardObject | null): void {
    for (const o of this.#shown.get(id) ?? []) this.#layers.remove(o);
    this.#shown.delete(id);
    if (record) {
      const objects = objectPrimitives(record).flatMap((p) =>
        p.kind === 'path' ? [pathObject(p.d, p, p.transform as TMat2D)] : [],
      );
      for (const o of objects) this.#layers.add(o, layerOf(record));
      this.#shown.set(id, objects);
    }
    this.#invalidate();
  }

  clear(): void {
    for (const id of [...this.#shown.keys()]) this.set(id, null);
  }
}

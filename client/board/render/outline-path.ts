import { Path, Point, type PathProps } from 'fabric';
import { outlineCommands, type Vec2 } from '../../../shared/geometry/outline';

/**
 * A path with no controls at all: fabric makes each object a set of nine control handlers
 * otherwise, garbage by the tens of thousands on a full board that nothing here picks through
 * fabric. Still a Path to everything that asks (fast-paint.ts, the exporters' checks).
 */
export class InertPath extends Path {
  static override createControls(): { controls: Record<string, never> } {
    return { controls: {} };
  }
}

/** The commands an outline path was given or has made of its outline (see OutlinePath). */
const commands = new WeakMap<Path, Path['path']>();
/** The outline an OutlinePath makes its commands of, until commands are set from outside. */
const outlines = new WeakMap<Path, readonly Vec2[]>();

/**
 * A stroke's outline as a fabric path whose commands (`outlineCommands`: a quadratic curve per
 * outline point, the data fabric draws from) are made the first time something reads `path`.
 * A late viewer's zoomed-out board is painted from the outline itself (path-detail.ts
 * `RankedOutline.fromOutline`), so its 5,000 paths never make their 400,000 command arrays
 * until one is seen at full size. Setting `path` replaces the outline for good.
 */
export class OutlinePath extends InertPath {
  /** The outline this path is drawn from, or null once its commands were set from outside. */
  outline(): readonly Vec2[] | null {
    return outlines.get(this) ?? null;
  }
}

Object.defineProperty(OutlinePath.prototype, 'path', {
  configurable: true,
  get(this: Path): Path['path'] {
    let c = commands.get(this);
    if (c === undefined) {
      const outline = outlines.get(this);
      c = (outline ? outlineCommands(outline) : []) as Path['path'];
      commands.set(this, c);
    }
    return c;
  },
  set(this: Path, value: Path['path']): void {
    commands.set(this, value);
    outlines.delete(this);
  },
});

/**
 * The outline as a fabric path, built without fabric's parse: the commands are absolute M/Q/Z
 * already (what `makePathSimpler` would make of them, copied), and the box of the outline's
 * points holds every curve (each stays inside its control points' hull), where fabric works
 * out each curve's exact extremes. Both were a third of a late viewer's time on a 5,000-stroke
 * board, with the garbage of a second copy of every command.
 */
export function outlinePath(outline: readonly Vec2[], options: Partial<PathProps>): OutlinePath {
  const path = new OutlinePath([], options);
  commands.delete(path);
  outlines.set(path, outline);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of outline) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  path.set({
    width: maxX - minX,
    height: maxY - minY,
    pathOffset: new Point((minX + maxX) / 2, (minY + maxY) / 2),
  });
  return path;
}

/**
 * What a path's shape is made of, to tell when it changed: its outline while it has one, else
 * its commands. Reading it never makes an outline path's commands.
 */
export function shapeSource(path: Path): object {
  return (path instanceof OutlinePath ? path.outline() : null) ?? path.path;
}

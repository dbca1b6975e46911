import { Path } from 'fabric';
import { outlineToSvgPath, strokeOutline } from '../../shared/geometry/outline';
import type { StrokeStyle, Point } from '../../shared/objects/stroke';
import { markLive } from './render/live-objects';

/**
 * Strokes are filled outlines from the shared geometry, so the canvas shows exactly what the
 * exporters draw. Per-object caching is off: fabric's cache canvas costs ~256 KB per object.
 */
function pathOptions(style: StrokeStyle) {
  return {
    fill: style.color,
    opacity: style.opacity,
    stroke: null,
    strokeWidth: 0,
    objectCaching: false,
    selectable: false,
    evented: false,
  };
}

/** An in-progress stroke (local pen or a remote recorder's live batches). */
export function livePathData(style: StrokeStyle, points: readonly Point[]): string {
  return outlineToSvgPath(strokeOutline(style, points, false));
}

export function livePath(style: StrokeStyle, points: readonly Point[]): Path | null {
  const d = livePathData(style, points);
  if (!d) return null;
  const path = new Path(d, pathOptions(style));
  // Reshaped every frame: drawn afresh, never from the canvas's cached bitmaps.
  markLive(path);
  return path;
}

/** Reshapes an existing live path in place: cheaper than removing and inserting each frame. */
export function reshapeLivePath(path: Path, style: StrokeStyle, points: readonly Point[]): boolean {
  const d = livePathData(style, points);
  if (!d) return false;
  path._setPath(d, true);
  path.setCoords();
  return true;
}

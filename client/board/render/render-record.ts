import {
  FabricImage,
  FabricText,
  Group,
  Path,
  Rect,
  util,
  type FabricObject,
  type PathProps,
  type TMat2D,
} from 'fabric';
import { multiply, scaling, translation } from '../../../shared/geometry/matrix';
import type { BoardObject } from '../../../shared/objects/board-object';
import type { Transform } from '../../../shared/objects/placement';
import { objectPrimitives, type Primitive } from '../../../shared/render/scene';
import { BOARD_FONT_STACK, fontSpec } from './board-faces';
import { rankLater } from './outline-ranks';
import { InertPath, outlinePath } from './outline-path';

/**
 * Records become fabric objects from the very primitives the exporters draw
 * (shared/render/scene.ts `objectPrimitives`), so the board shows what the PDF, SVG and PNG
 * show. Nothing caches (`objectCaching: false`): fabric's cache canvas costs ~256 KB an object.
 * Never `strokeUniform`: a scaled record scales its lines, as in the exports.
 */

/** What drawing needs from outside: decoded images and loaded glyphs, both maybe later. */
export interface RenderEnv {
  /** The decoded image of an asset, or null while it loads (the record is drawn again then). */
  image(assetId: string): HTMLImageElement | null;
  /** Whether the font of this text is ready (else the record is drawn again once it is). */
  fontReady(spec: string, text: string): boolean;
}

export interface RenderedRecord {
  /** One fabric object per record: the primitive itself, or a Group of them. */
  object: FabricObject;
  /** Its opacity when not dimmed by the eraser. */
  opacity: number;
  /** False when something is still loading (an image, a font subset): draw again later. */
  complete: boolean;
}

// No controls: nothing here is ever picked through fabric, and fabric works out every control's
// corners on each object a canvas takes (a tenth of a late viewer's building time).
const INERT = { objectCaching: false, selectable: false, evented: false, controls: {} } as const;

/** An image that has not arrived yet: a pale box where it will be. */
const PLACEHOLDER = { fill: '#f1f3f5', stroke: '#dee2e6' } as const;

/** Places a fabric object whose own centre-based coordinates are mapped by `m` onto the board. */
export function place(object: FabricObject, m: Readonly<Transform>): void {
  util.applyTransformToObject(object, [...m] as TMat2D);
  object.setCoords();
}

function pathObject(p: Extract<Primitive, { kind: 'path' }>): FabricObject {
  const options: Partial<PathProps> = {
    ...INERT,
    fill: p.fill,
    stroke: p.stroke,
    strokeWidth: p.stroke ? p.strokeWidth : 0,
    strokeLineCap: 'round',
    strokeLineJoin: 'round',
    opacity: p.opacity,
  };
  // A stroke's outline goes in as commands: no SVG text written and parsed back.
  let path: Path;
  if (p.outline && p.outline.length > 0) {
    path = outlinePath(p.outline, options);
    rankLater(path, p.outline);
  } else {
    path = new InertPath(p.d, options);
  }
  // fabric draws a path around its pathOffset (the centre of its own bounds).
  place(path, multiply(p.transform, translation(path.pathOffset.x, path.pathOffset.y)));
  return path;
}

/**
 * One FabricText per line, its alphabetic baseline on the primitive's `baseline` and its left
 * edge at x = 0, like the SVG `<tspan x="0" y="baseline">` and the PDF's `text(…, 0, baseline)`.
 */
function textObjects(
  p: Extract<Primitive, { kind: 'text' }>,
  env: RenderEnv,
): { objects: FabricObject[]; complete: boolean } {
  const objects: FabricObject[] = [];
  let complete = true;
  const spec = fontSpec(p.fontSize, p.bold);
  for (const line of p.lines) {
    if (line.text.trim() === '') continue;
    if (!env.fontReady(spec, line.text)) complete = false;
    const text = new FabricText(line.text, {
      ...INERT,
      fontFamily: BOARD_FONT_STACK,
      fontSize: p.fontSize,
      fontWeight: p.bold ? 700 : 400,
      fill: p.color,
      lineHeight: 1,
      textAlign: 'left',
    });
    // fabric puts the baseline of a one-line text this far below the top of its box.
    const baselineFromTop = text.getHeightOfLine(0) * (1 - text._fontSizeFraction);
    const centreX = text.width / 2;
    const centreY = line.baseline - baselineFromTop + text.height / 2;
    place(text, multiply(p.transform, translation(centreX, centreY)));
    objects.push(text);
  }
  return { objects, complete };
}

function imageObject(
  p: Extract<Primitive, { kind: 'image' }>,
  env: RenderEnv,
): { object: FabricObject; complete: boolean } {
  const element = env.image(p.assetId);
  if (!element) {
    const box = new Rect({ ...INERT, ...PLACEHOLDER, width: p.w, height: p.h, strokeWidth: 0 });
    place(box, multiply(p.transform, translation(p.w / 2, p.h / 2)));
    return { object: box, complete: false };
  }
  const image = new FabricImage(element, { ...INERT });
  const nw = Math.max(1, image.width);
  const nh = Math.max(1, image.height);
  place(image, multiply(p.transform, multiply(translation(p.w / 2, p.h / 2), scaling(p.w / nw, p.h / nh))));
  return { object: image, complete: true };
}

/** The fabric object for one record, or null when it paints nothing (an empty outline). */
export function renderRecord(record: BoardObject, env: RenderEnv): RenderedRecord | null {
  const parts: FabricObject[] = [];
  let complete = true;
  for (const p of objectPrimitives(record)) {
    if (p.kind === 'path') parts.push(pathObject(p));
    else if (p.kind === 'text') {
      const t = textObjects(p, env);
      parts.push(...t.objects);
      complete &&= t.complete;
    } else {
      const i = imageObject(p, env);
      parts.push(i.object);
      complete &&= i.complete;
    }
  }
  const [first] = parts;
  if (!first) return null;
  if (parts.length === 1) return { object: first, opacity: first.opacity, complete };
  // Children keep where they are; the group just moves, fades and stacks them as one.
  const group = new Group(parts, { ...INERT, subTargetCheck: false, interactive: false });
  return { object: group, opacity: 1, complete };
}

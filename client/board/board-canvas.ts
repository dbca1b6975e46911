import { Rect, StaticCanvas, type Path, type TMat2D } from 'fabric';
import type { Changes } from '../../shared/board-state';
import { polylineHit } from '../../shared/geometry/hit-test';
import { strokeBounds } from '../../shared/geometry/outline';
import type { BoardObject } from '../../shared/objects/board-object';
import type { Point, Stroke, StrokeStyle } from '../../shared/objects/stroke';
import type { Op } from '../../shared/ops';
import { PEN_PRESETS, isPenTool } from '../../shared/presets';
import type { LiveStroke } from '../../shared/protocol';
import { layerOf } from '../../shared/layers';
import { LayerStack } from './layer-stack';
import { LiveStrokes } from './live-strokes';
import type { PenStyle } from './pen-style';
import { attachPointerInput } from './pointer-input';
import { LocalPreviews } from './local-preview';
import { strokeToPath } from './render-stroke';
import { TOOLS, type ToolName } from './tool-names';
import { createEraserTool } from './tools/eraser';
import { createHandTool, NO_TOOL } from './tools/hand';
import { createPenTool } from './tools/pen';
import type { Tool, ToolHost } from './tools/tool';
import { fitTransform, panBy, toBoard, wheelFactor, zoomAround, type Size } from './viewport';

export interface BoardCanvasOptions {
  el: HTMLElement;
  board: Size;
  /** May this page draw and erase? Viewers and the projector may not. */
  interactive: boolean;
  /** May the user pan and zoom? The projector stays fitted. */
  navigable: boolean;
  /** Colour around the board sheet. */
  surround?: string;
  onLocalOp?: (op: Op) => void;
  onLive?: (batch: LiveStroke) => void;
  /** Told whether the view is fitted after every fit or user pan/zoom. */
  onViewportChange?: (fitted: boolean) => void;
}

export interface BoardCanvas {
  applyChanges(changes: Changes): void;
  setObjects(objects: readonly BoardObject[]): void;
  setLive(batch: LiveStroke): void;
  setTool(tool: ToolName): void;
  setStyle(style: PenStyle): void;
  fit(): void;
  setViewport(vt: TMat2D): void;
  /** A copy of the current viewport transform (read-only use: tests, debugging). */
  viewport(): TMat2D;
  destroy(): void;
}

interface Rendered {
  record: Stroke;
  path: Path | null;
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
}

const SHEET = { fill: '#ffffff', border: '#ced4da' } as const;
const FADED = 0.2;

/** fabric behind a framework-free controller: records in, pixels and ops out. */
export function createBoardCanvas(options: BoardCanvasOptions): BoardCanvas {
  const { el, board, interactive } = options;
  const canvasEl = document.createElement('canvas');
  el.append(canvasEl);
  let size: Size = { width: Math.max(1, el.clientWidth), height: Math.max(1, el.clientHeight) };
  const canvas = new StaticCanvas(canvasEl, {
    ...size,
    backgroundColor: options.surround ?? '#e9ecef',
    renderOnAddRemove: false,
    enableRetinaScaling: true,
    skipOffscreen: true,
  });
  const sheet = new Rect({
    left: 0,
    top: 0,
    originX: 'left',
    originY: 'top',
    width: board.width,
    height: board.height,
    fill: SHEET.fill,
    stroke: SHEET.border,
    strokeWidth: 1,
    strokeUniform: true,
    objectCaching: false,
    selectable: false,
    evented: false,
  });
  canvas.add(sheet);

  const layers = new LayerStack(canvas, 1);
  const rendered = new Map<string, Rendered>();
  const live = new LiveStrokes(layers, invalidate);
  // Previews render inside their own animation frame, so they draw synchronously.
  const previews = new LocalPreviews(layers, () => canvas.renderAll());
  let fitted = true;
  let penStyle: PenStyle = { tool: 'pen', color: '#1f2328', size: PEN_PRESETS.pen.sizes[1], opacity: 1 };

  function invalidate(): void {
    canvas.requestRenderAll();
  }

  function vt(): TMat2D {
    return canvas.viewportTransform;
  }

  function applyViewport(next: TMat2D, isFit: boolean): void {
    canvas.setViewportTransform(next);
    fitted = isFit;
    options.onViewportChange?.(isFit);
    invalidate();
  }

  function fit(): void {
    applyViewport(fitTransform(board, size), true);
  }

  function addRecord(record: BoardObject): void {
    if (rendered.has(record.id)) return;
    live.drop(record.id);
    // Text, shapes, stamps and images are drawn by the record renderers of the toolkit.
    if (record.type !== 'stroke') return;
    const path = strokeToPath(record);
    if (path) layers.add(path, layerOf(record));
    rendered.set(record.id, { record, path, bounds: strokeBounds(record) });
  }

  function removeRecord(id: string): void {
    const r = rendered.get(id);
    if (!r) return;
    if (r.path) layers.remove(r.path);
    rendered.delete(id);
  }

  const host: ToolHost = {
    boardPoint(e) {
      const rect = el.getBoundingClientRect();
      return toBoard(vt(), e.clientX - rect.left, e.clientY - rect.top);
    },
    zoom: () => vt()[0],
    penStyle: () => penStyle,
    emitOp: (op) => options.onLocalOp?.(op),
    emitLive: (batch) => options.onLive?.(batch),
    preview(id: string, style: StrokeStyle, points: readonly Point[]) {
      previews.set(id, style, points);
    },
    hitTest(x, y, r) {
      const hits: string[] = [];
      for (const [id, { record, bounds }] of rendered) {
        if (x < bounds.minX - r || x > bounds.maxX + r || y < bounds.minY - r || y > bounds.maxY + r)
          continue;
        if (polylineHit(record.points, record.size, x, y, r)) hits.push(id);
      }
      return hits;
    },
    setFaded(ids, faded) {
      for (const id of ids) {
        const r = rendered.get(id);
        if (r?.path) r.path.set('opacity', faded ? r.record.opacity * FADED : r.record.opacity);
      }
      invalidate();
    },
    panBy(dx, dy) {
      applyViewport(panBy(vt(), dx, dy), false);
    },
  };

  const tools: Record<ToolName, Tool> = {
    pen: createPenTool(host),
    marker: createPenTool(host),
    highlighter: createPenTool(host),
    shadow: createPenTool(host),
    eraser: createEraserTool(host),
    hand: createHandTool(host),
    none: NO_TOOL,
  };
  let tool: Tool = NO_TOOL;

  const detachInput = attachPointerInput(el, {
    tool: () => tool,
    navigable: () => options.navigable,
    pinch(x, y, factor, dx, dy) {
      applyViewport(panBy(zoomAround(vt(), x, y, factor), dx, dy), false);
    },
    wheel(x, y, e) {
      applyViewport(zoomAround(vt(), x, y, wheelFactor(e.deltaY, e.deltaMode)), false);
    },
  });

  const resize = new ResizeObserver(() => {
    const next = { width: Math.max(1, el.clientWidth), height: Math.max(1, el.clientHeight) };
    if (next.width === size.width && next.height === size.height) return;
    size = next;
    canvas.setDimensions(size);
    if (fitted) fit();
    else canvas.setViewportTransform(vt());
    invalidate();
  });
  resize.observe(el);
  fit();

  return {
    applyChanges(changes) {
      for (const id of changes.removed) removeRecord(id);
      for (const o of changes.added) addRecord(o);
      invalidate();
    },
    setObjects(objects) {
      for (const id of [...rendered.keys()]) removeRecord(id);
      for (const o of objects) addRecord(o);
      invalidate();
    },
    setLive(batch) {
      // A batch that arrives after its commit (volatile reordering) must not resurrect it.
      if (rendered.has(batch.strokeId)) return;
      live.apply(batch);
    },
    setTool(name) {
      const allowed = interactive || name === TOOLS.hand || name === TOOLS.none;
      const next = allowed ? tools[name] : NO_TOOL;
      if (next === tool) return;
      tool.cancel();
      tool = next;
      el.style.cursor = tool.cursor;
    },
    setStyle(style) {
      penStyle = isPenTool(style.tool) ? style : penStyle;
    },
    fit,
    setViewport(next) {
      applyViewport(next, false);
    },
    viewport: () => [...vt()] as TMat2D,
    destroy() {
      tool.cancel();
      detachInput();
      resize.disconnect();
      live.clear();
      previews.clear();
      void canvas.dispose();
      canvasEl.remove();
    },
  };
}

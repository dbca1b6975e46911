import { liveWindowMs } from '../../shared/live-window';
import { Rect, type TMat2D } from 'fabric';
import type { Changes } from '../../shared/board-state';
import { editableRecord } from '../../shared/template-lock';
import type { BoardObject } from '../../shared/objects/board-object';
import type { Point, StrokeStyle } from '../../shared/objects/stroke';
import type { Op } from '../../shared/ops';
import { PEN_PRESETS, isPenTool } from '../../shared/presets';
import type { LiveStroke } from '../../shared/protocol';
import type { CreationStyle } from './creation-style';
import { LayerStack } from './layer-stack';
import { LiveStrokes } from './live-strokes';
import { PenMode } from './pen-mode';
import type { PenStyle } from './pen-style';
import { attachGestureZoom } from './gesture-zoom';
import { attachPointerInput } from './pointer-input';
import { LocalPreviews } from './local-preview';
import { prepareRanking } from './render/outline-ranks';
import { CachedCanvas } from './render/cached-canvas';
import { RecordView } from './render/record-view';
import { lassoTakes } from './render/record-geometry';
import { Selection } from './selection';
import { selectionOps, type SelectionAction } from './selection-actions';
import { TOOLS, type ToolName } from './tool-names';
import { createEraserTool } from './tools/eraser';
import { createPartialEraserTool } from './tools/eraser-partial';
import { createHandTool, NO_TOOL } from './tools/hand';
import { createLaserTool, NO_LASER, type LaserSink } from './tools/laser';
import { createPenTool } from './tools/pen';
import { createSelectTool } from './tools/select';
import { createShapeTool, SHAPE_STROKE_WIDTHS } from './tools/shape';
import { createStampTool, DEFAULT_STAMP } from './tools/stamp';
import { createTextTool, type TextRequestPoint } from './tools/text';
import type { Tool, ToolHost } from './tools/tool';
import { GridLines } from './grid-lines';
import { boardBounds } from './render/record-geometry';
import { rectTransform } from './view-rect';
import {
  actualSizeTransform,
  fitTransform,
  panBy,
  toBoard,
  wheelFactor,
  zoomAround,
  type Size,
} from './viewport';

export interface BoardCanvasOptions {
  el: HTMLElement;
  board: Size;
  /** May this page draw and erase? Viewers and the projector may not. */
  interactive: boolean;
  /** May the user pan and zoom? The projector stays fitted. */
  navigable: boolean;
  /** Colour around the board sheet. */
  surround?: string;
  /** Gap around the fitted board in CSS pixels (FIT_MARGIN); 0 fills a screen of the board's ratio. */
  fitMargin?: number;
  /** Where the laser tool's samples go: this page's own trail and the viewers' (never stored). */
  laser?: LaserSink;
  onLocalOp?: (op: Op) => void;
  onLive?: (batch: LiveStroke) => void;
  /** The live window for the current audience (shared/live-window.ts); the smallest if not told. */
  liveWindowMs?: () => number;
  /** Told whether the view is fitted, and the view itself, after every fit or user pan/zoom. */
  onViewportChange?: (fitted: boolean, vt: TMat2D) => void;
  /** The text tool clicked, or a double-click landed, at a board point: open the text editor. */
  onTextRequest?: (at: TextRequestPoint) => void;
  /** Pen mode (palm rejection) turned on or off, by a first pen contact or by setPenMode. */
  onPenMode?: (on: boolean) => void;
  /** Two fingers tapped the board (undo). */
  onTwoFingerTap?: () => void;
  /** URL of an image asset's bytes with this page's key (images show a pale box without it). */
  assetUrl?: (assetId: string) => string | null;
  /** The select tool's selection changed (ids in the order they were picked). */
  onSelectionChange?: (ids: readonly string[]) => void;
}

export interface BoardCanvas {
  applyChanges(changes: Changes): void;
  setObjects(objects: readonly BoardObject[]): void;
  setLive(batch: LiveStroke): void;
  setTool(tool: ToolName): void;
  setStyle(style: PenStyle): void;
  /** Style of new text, shapes and stamps. */
  setCreationStyle(style: CreationStyle): void;
  setPenMode(on: boolean): void;
  /** The board point in the middle of the view (where a pasted image goes). */
  viewCentre(): [number, number];
  /** Hides a record while the text editor shows it in its place; null shows it again. */
  hideWhileEditing(id: string | null): void;
  fit(): void;
  /**
   * Keeps a strip of `px` CSS pixels at the bottom clear when fitted (the recorder's floating
   * view controls), so they never sit over the sheet in the whole-board view.
   */
  setFitReserve(px: number): void;
  /**
   * The view a follower is sent: when fitted, the fit without the reserve, so a viewer's fitted
   * sheet sits where it always did whatever this page keeps clear for its own controls.
   */
  sharedViewport(): TMat2D;
  /** 100 %: one board unit per CSS pixel, around the view's centre. */
  zoomActual(): void;
  /** Shows what the select tool has picked, filling the view; false when nothing is picked. */
  zoomToSelection(): boolean;
  /** While the template layer is locked, no tool picks, moves or erases its records. */
  setTemplateLocked(locked: boolean): void;
  /** The recorder's drawing grid (local only: never a record, never seen by viewers). */
  setGrid(on: boolean): void;
  /**
   * Draws what is pending now instead of on the next animation frame: the time-lapse export
   * steps through frames far faster than the screen refreshes, and in a hidden tab too.
   */
  renderNow(): void;
  /** The whole board drawn `width` CSS pixels wide (the overview's picture). */
  overview(width: number): HTMLCanvasElement;
  /** The size of the view in CSS pixels. */
  viewSize(): Size;
  setViewport(vt: TMat2D): void;
  /** A copy of the current viewport transform (read-only use: tests, debugging). */
  viewport(): TMat2D;
  /** How many objects the last finished render drew (read-only use: tests, benchmarks). */
  paintedObjects(): number;
  /** Duplicate, delete, bring to front or send to back what the select tool has picked. */
  selectionAction(action: SelectionAction): void;
  clearSelection(): void;
  /** The records the select tool has picked, in paint order (bottom first). */
  selectedRecords(): BoardObject[];
  destroy(): void;
}

const SHEET = { fill: '#ffffff', border: '#ced4da' } as const;
/** Room around a tiny selection (a dot) so zooming to it does not hit the zoom limit at once. */
const FIT_PAD_UNITS = 40;
/** Tools with which a double-click on a text edits it. */
const TEXT_EDIT_TOOLS: ReadonlySet<string> = new Set([TOOLS.text, TOOLS.hand, 'select']);

/** fabric behind a framework-free controller: records in, pixels and ops out. */
export function createBoardCanvas(options: BoardCanvasOptions): BoardCanvas {
  const { el, board, interactive } = options;
  const canvasEl = document.createElement('canvas');
  el.append(canvasEl);
  let size: Size = { width: Math.max(1, el.clientWidth), height: Math.max(1, el.clientHeight) };
  // Before the board's records are built: see outline-ranks.ts.
  prepareRanking();
  // Committed objects are drawn from cached bitmaps; only what changes is drawn each frame.
  const canvas = new CachedCanvas(canvasEl, {
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
  const grid = new GridLines(board);
  canvas.add(sheet, grid);
  let painted = 0;
  canvas.on('after:render', () => {
    painted = canvas.getObjects().length;
  });

  const layers = new LayerStack(canvas, 2);
  // Every record, from the shared scene primitives the exporters draw too.
  const view = new RecordView({ layers, assetUrl: options.assetUrl ?? (() => null), invalidate });
  const live = new LiveStrokes(layers, invalidate);
  // Previews render inside their own animation frame, so they draw synchronously.
  const previews = new LocalPreviews(layers, () => canvas.renderAll());
  let fitted = true;
  let penStyle: PenStyle = { tool: 'pen', color: '#1f2328', size: PEN_PRESETS.pen.sizes[1], opacity: 1 };
  let creation: CreationStyle = {
    text: { size: 'heading', color: '#1f2328' },
    shape: { kind: 'rect', color: '#1f2328', strokeWidth: SHAPE_STROKE_WIDTHS[1], fill: false },
    stamp: { stamp: DEFAULT_STAMP, color: '#1f2328' },
  };
  const penMode = new PenMode((on) => options.onPenMode?.(on));
  let templateLocked = true;
  /** May a tool pick this record? Not a template record while the template is locked. */
  const editable = (o: BoardObject): boolean => editableRecord(o, templateLocked);

  function invalidate(): void {
    canvas.requestRenderAll();
  }

  function vt(): TMat2D {
    return canvas.viewportTransform;
  }

  function applyViewport(next: TMat2D, isFit: boolean): void {
    canvas.setViewportTransform(next);
    fitted = isFit;
    options.onViewportChange?.(isFit, [...next] as TMat2D);
    selection.redraw();
    invalidate();
  }

  let fitReserve = 0;

  function fit(): void {
    applyViewport(fitTransform(board, size, options.fitMargin, fitReserve), true);
  }

  const selection = new Selection({
    el,
    view,
    vt,
    ...(options.onSelectionChange ? { onChange: options.onSelectionChange } : {}),
  });

  const host: ToolHost = {
    boardPoint(e) {
      const rect = el.getBoundingClientRect();
      return toBoard(vt(), e.clientX - rect.left, e.clientY - rect.top);
    },
    zoom: () => vt()[0],
    penStyle: () => penStyle,
    emitOp: (op) => options.onLocalOp?.(op),
    emitLive: (batch) => options.onLive?.(batch),
    liveWindowMs: () => options.liveWindowMs?.() ?? liveWindowMs(0),
    preview(id: string, style: StrokeStyle, points: readonly Point[]) {
      previews.set(id, style, points);
    },
    hitTest: (x, y, r) => view.hitTest(x, y, r, editable),
    setFaded: (ids, faded) => view.setFaded(ids, faded),
    panBy(dx, dy) {
      applyViewport(panBy(vt(), dx, dy), false);
    },
  };

  const creationHost = {
    ...host,
    previewObject: (id: string, record: BoardObject | null) => view.preview(id, record),
  };
  const requestText = (at: TextRequestPoint): void => options.onTextRequest?.(at);
  const cutHost = {
    ...host,
    hitStrokes: (x: number, y: number, r: number) =>
      view.hitTest(x, y, r, (o) => o.type === 'stroke' && editable(o)),
    record: (id: string) => view.record(id),
    showCut: (id: string, pieces: readonly BoardObject[] | null) => view.substitute(id, pieces),
  };
  const selectHost = {
    boardPoint: host.boardPoint,
    zoom: host.zoom,
    emitOp: host.emitOp,
    hitTest: (x: number, y: number, r: number) => view.hitTest(x, y, r, editable),
    lassoPick: (polygon: readonly (readonly [number, number])[]) =>
      [...view.records()].filter((o) => editable(o) && lassoTakes(o, polygon)).map((o) => o.id),
    record: (id: string) => view.record(id),
    selection,
    tapPicked(id: string, e: PointerEvent) {
      if (view.record(id)?.type !== 'text') return;
      const [x, y] = host.boardPoint(e);
      requestText({ x, y, how: 'tap', id });
    },
  };

  const tools: Record<ToolName, Tool> = {
    pen: createPenTool(host),
    marker: createPenTool(host),
    highlighter: createPenTool(host),
    shadow: createPenTool(host),
    eraser: createEraserTool(host),
    'eraser-partial': createPartialEraserTool(cutHost),
    select: createSelectTool(selectHost),
    hand: createHandTool(host),
    laser: createLaserTool(host, options.laser ?? NO_LASER),
    none: NO_TOOL,
    text: createTextTool(host, requestText),
    shape: createShapeTool(creationHost, () => creation.shape),
    stamp: createStampTool(host, () => creation.stamp),
  };
  let tool: Tool = NO_TOOL;
  let toolName: string = TOOLS.none;
  /** The record the text editor covers (hidden on the canvas meanwhile). */
  let editing: string | null = null;

  const navigable = (): boolean => options.navigable;
  function pinch(x: number, y: number, factor: number, dx: number, dy: number): void {
    applyViewport(panBy(zoomAround(vt(), x, y, factor), dx, dy), false);
  }
  const detachInput = attachPointerInput(el, {
    tool: () => tool,
    navigable,
    pinch,
    wheel(x, y, e) {
      applyViewport(zoomAround(vt(), x, y, wheelFactor(e.deltaY, e.deltaMode)), false);
    },
    penMode: () => penMode.on,
    sawPen: () => penMode.sawPen(),
    twoFingerTap: () => options.onTwoFingerTap?.(),
  });
  // A trackpad pinch in Safari comes only as gesture events: it zooms the board like fingers.
  const detachGestures = attachGestureZoom(el, { navigable, pinch });

  /** A double-click edits the text under it (with the text, hand or select tool). */
  function onDoubleClick(e: MouseEvent): void {
    if (!interactive || !TEXT_EDIT_TOOLS.has(toolName)) return;
    const rect = el.getBoundingClientRect();
    const [x, y] = toBoard(vt(), e.clientX - rect.left, e.clientY - rect.top);
    requestText({ x, y, how: 'dblclick' });
  }
  el.addEventListener('dblclick', onDoubleClick);

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
      for (const id of changes.removed) view.remove(id);
      for (const o of changes.added) {
        live.drop(o.id);
        view.add(o);
      }
      for (const o of changes.updated ?? []) view.update(o);
      if (changes.moved) view.move(changes.moved.ids, changes.moved.to);
      selection.refresh();
      invalidate();
    },
    setObjects(objects) {
      for (const o of objects) live.drop(o.id);
      view.reset(objects);
      selection.refresh();
      invalidate();
    },
    setLive(batch) {
      // A batch that arrives after its commit (volatile reordering) must not resurrect it.
      if (view.has(batch.strokeId)) return;
      live.apply(batch);
    },
    setTool(name) {
      const allowed = interactive || name === TOOLS.hand || name === TOOLS.none;
      const next = allowed ? tools[name] : NO_TOOL;
      if (next === tool) return;
      tool.cancel();
      // The hand (and space-drag) only moves the view: the selection stays for afterwards.
      if (name !== TOOLS.select && name !== TOOLS.hand) selection.clear();
      tool = next;
      toolName = allowed ? name : TOOLS.none;
      el.style.cursor = tool.cursor;
    },
    setStyle(style) {
      penStyle = isPenTool(style.tool) ? style : penStyle;
    },
    setCreationStyle(style) {
      creation = style;
    },
    setPenMode(on) {
      penMode.set(on);
    },
    // The middle of what the floating controls leave: the fitted sheet's centre.
    viewCentre: () => toBoard(vt(), size.width / 2, Math.max(0, size.height - fitReserve) / 2),
    hideWhileEditing(id) {
      if (editing && editing !== id) view.substitute(editing, null);
      editing = id;
      if (id) view.substitute(id, []);
    },
    fit,
    setFitReserve(px) {
      if (px === fitReserve) return;
      fitReserve = px;
      if (fitted) fit();
    },
    sharedViewport() {
      return fitted ? fitTransform(board, size, options.fitMargin) : ([...vt()] as TMat2D);
    },
    zoomActual() {
      applyViewport(actualSizeTransform(vt(), size.width / 2, size.height / 2), false);
    },
    zoomToSelection() {
      const boxes = selection.ids.flatMap((id) => {
        const r = view.record(id);
        return r ? [boardBounds(r)] : [];
      });
      if (boxes.length === 0) return false;
      const minX = Math.min(...boxes.map((b) => b.minX));
      const minY = Math.min(...boxes.map((b) => b.minY));
      const w = Math.max(...boxes.map((b) => b.maxX)) - minX;
      const h = Math.max(...boxes.map((b) => b.maxY)) - minY;
      // A margin of a tenth on every side, so the selection box and its handles stay in view.
      const pad = Math.max(w, h) * 0.1 + FIT_PAD_UNITS;
      applyViewport(
        rectTransform({ x: minX - pad, y: minY - pad, w: w + 2 * pad, h: h + 2 * pad }, size),
        false,
      );
      return true;
    },
    setTemplateLocked(locked) {
      templateLocked = locked;
      const keep = selection.ids.filter((id) => {
        const r = view.record(id);
        return r !== undefined && editable(r);
      });
      if (keep.length !== selection.ids.length) selection.set(keep);
    },
    setGrid(on) {
      grid.visible = on;
      invalidate();
    },
    renderNow() {
      canvas.renderAll();
    },
    overview(width) {
      // fabric draws a copy at (current zoom × multiplier) from the crop's corner, in screen units.
      const z = vt()[0] || 1;
      const scale = width / board.width;
      return canvas.toCanvasElement(scale / z, {
        left: vt()[4],
        top: vt()[5],
        width: board.width * z,
        height: board.height * z,
        filter: (o) => o !== grid,
      });
    },
    viewSize: () => ({ ...size }),
    setViewport(next) {
      applyViewport(next, false);
    },
    viewport: () => [...vt()] as TMat2D,
    paintedObjects: () => painted,
    selectionAction(action) {
      const records = view.paintOrder(selection.ids).flatMap((id) => view.record(id) ?? []);
      const { ops, select } = selectionOps(action, records);
      for (const op of ops) host.emitOp(op);
      selection.set(select);
    },
    clearSelection: () => selection.clear(),
    selectedRecords: () => view.paintOrder(selection.ids).flatMap((id) => view.record(id) ?? []),
    destroy() {
      tool.cancel();
      detachInput();
      detachGestures();
      el.removeEventListener('dblclick', onDoubleClick);
      resize.disconnect();
      live.clear();
      previews.clear();
      selection.destroy();
      view.clear();
      void canvas.dispose();
      canvasEl.remove();
    },
  };
}

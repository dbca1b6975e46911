import { newId } from '../../../shared/ids';
import { invert, applyToPoint, translation } from '../../../shared/geometry/matrix';
import {
  layoutText,
  notoSansJpMeasure,
  TEXT_LINE_HEIGHT,
  textBlockHeight,
} from '../../../shared/geometry/text-layout';
import type { BoardObject } from '../../../shared/objects/board-object';
import type { Transform } from '../../../shared/objects/placement';
import { TEXT_SIZES, type TextRecord, type TextSize } from '../../../shared/objects/text';
import type { Op } from '../../../shared/ops';
import { LIMITS } from '../../../shared/limits';
import type { Tool, ToolHost } from './tool';

/** A new text wraps at this width (board units), or earlier at the board's right edge. */
export const TEXT_WRAP_WIDTH = 1200;
/** The one-tap sizes in the order the picker shows them, largest first. */
export const TEXT_SIZE_ORDER: readonly TextSize[] = ['title', 'heading', 'body'];

/** Title and heading are set bold; body text is regular. */
export function isBoldSize(size: TextSize): boolean {
  return size !== 'body';
}

export interface TextStyle {
  size: TextSize;
  color: string;
}

/**
 * What the text editor needs to open: where the block sits (its transform, the record's
 * own coordinates start at its top-left corner), how it looks, the width it wraps at, and
 * the record it edits (none for a new text).
 */
export interface TextEditRequest {
  transform: Transform;
  fontSize: number;
  bold: boolean;
  color: string;
  wrap: number;
  text: string;
  record: TextRecord | null;
}

/**
 * Where a press asks for text: a board point, by a click of the text tool, a double-click
 * (mouse), or a tap on a text the select tool had already picked (touch and pen, where no
 * dblclick comes under `touch-action: none`).
 */
export interface TextRequestPoint {
  x: number;
  y: number;
  /** 'dblclick' and 'tap' only edit an existing text; 'click' (the text tool) also starts a new one. */
  how: 'click' | 'dblclick' | 'tap';
  /** The text to edit (the tapped one); without it, the topmost text at the point. */
  id?: string;
}

/** Wrap width at board x: the default, or up to the board's right edge, never under 3 em. */
export function wrapWidthAt(x: number, boardWidth: number, fontSize: number): number {
  const room = Math.floor(boardWidth - x);
  return Math.max(Math.ceil(fontSize * 3), Math.min(TEXT_WRAP_WIDTH, room));
}

/** A new text block whose first line is centred on the clicked point. */
export function newTextRequest(x: number, y: number, style: TextStyle, boardWidth: number): TextEditRequest {
  const fontSize = TEXT_SIZES[style.size];
  const top = Math.round(y - (fontSize * TEXT_LINE_HEIGHT) / 2);
  const left = Math.round(x);
  return {
    transform: translation(left, top),
    fontSize,
    bold: isBoldSize(style.size),
    color: style.color,
    wrap: wrapWidthAt(left, boardWidth, fontSize),
    text: '',
    record: null,
  };
}

/** Editing an existing text: it wraps at least as wide as before, and up to the default. */
export function editTextRequest(record: TextRecord, boardWidth: number): TextEditRequest {
  const wrap = Math.max(record.w, wrapWidthAt(record.transform[4], boardWidth, record.fontSize));
  return {
    transform: record.transform,
    fontSize: record.fontSize,
    bold: record.bold,
    color: record.color,
    wrap,
    text: record.text,
    record,
  };
}

export interface TextBlock {
  lines: string[];
  /** The box hugs the text: as wide as its widest line, never wider than the wrap width. */
  w: number;
  h: number;
}

/**
 * Lays the text out with the shared Noto Sans JP measure (so the board, the PDF and the SVG
 * break it alike). The box hugs the widest line when laying the text out again at that width
 * gives the very same lines (kinsoku can make it differ); otherwise it keeps the wrap width.
 */
export function measureTextBlock(text: string, wrap: number, fontSize: number, bold: boolean): TextBlock {
  const measure = notoSansJpMeasure(fontSize, bold);
  const width = Math.max(1, Math.round(wrap));
  const lines = layoutText(text, width, measure);
  const h = Math.max(1, textBlockHeight(lines, fontSize));
  const hug = Math.max(1, Math.ceil(Math.max(0, ...lines.map((l) => measure(l)))));
  if (hug < width) {
    const again = layoutText(text, hug, measure);
    if (again.length === lines.length && again.every((l, i) => l === lines[i])) return { lines, w: hug, h };
  }
  return { lines, w: width, h };
}

/** Text as it is kept: '\r\n' → '\n', trailing blank lines and spaces gone, within the length limit. */
export function cleanText(text: string): string {
  return Array.from(text.replace(/\r\n?/g, '\n').replace(/\s+$/u, '')).slice(0, LIMITS.textLength).join('');
}

/**
 * The op a finished edit makes: a new text is an `add`; a changed one a `patch` of its text
 * and box; an emptied one a `remove`. Nothing when nothing changed or a new text stayed empty.
 * `exists` says whether the edited record is still on the board (someone may have erased it
 * meanwhile: the text then comes back as a new record).
 */
export function commitTextOp(
  req: TextEditRequest,
  rawText: string,
  exists: (id: string) => boolean,
): Op | null {
  const text = cleanText(rawText);
  const record = req.record && exists(req.record.id) ? req.record : null;
  if (text.trim() === '') {
    return record ? { id: newId(), kind: 'remove', ids: [record.id] } : null;
  }
  const { w, h } = measureTextBlock(text, req.wrap, req.fontSize, req.bold);
  if (record) {
    if (record.text === text && record.w === w && record.h === h) return null;
    return { id: newId(), kind: 'patch', patches: [{ id: record.id, set: { text, w, h } }] };
  }
  const added: TextRecord = {
    id: newId(),
    type: 'text',
    text,
    fontSize: req.fontSize,
    color: req.color,
    bold: req.bold,
    w,
    h,
    transform: req.transform,
  };
  return { id: newId(), kind: 'add', objects: [added] };
}

/** Whether a board point lies inside a text record's box (through its transform). */
export function textContains(record: TextRecord, x: number, y: number, slop = 0): boolean {
  const inv = invert(record.transform);
  if (!inv) return false;
  const [lx, ly] = applyToPoint(inv, x, y);
  return lx >= -slop && ly >= -slop && lx <= record.w + slop && ly <= record.h + slop;
}

/** The topmost text under a board point (objects in paint order, bottom first). */
export function textAt(
  objects: readonly BoardObject[],
  x: number,
  y: number,
  slop = 0,
): TextRecord | undefined {
  for (let i = objects.length - 1; i >= 0; i--) {
    const o = objects[i];
    if (o?.type === 'text' && textContains(o, x, y, slop)) return o;
  }
  return undefined;
}

/** A press that moves farther than this (screen pixels) is a drag, not a click. */
const CLICK_SLOP_PX = 6;

/**
 * The text tool: a click on the board asks the page to open the text editor there (over an
 * existing text, the page edits that one). The tool makes no op itself: the editor's commit does.
 */
export function createTextTool(host: ToolHost, request: (at: TextRequestPoint) => void): Tool {
  let press: { id: number; cx: number; cy: number } | null = null;
  return {
    cursor: 'text',
    down(e) {
      if (press || (e.pointerType === 'mouse' && e.button !== 0)) return;
      press = { id: e.pointerId, cx: e.clientX, cy: e.clientY };
    },
    move() {},
    up(e) {
      const p = press;
      if (!p || e.pointerId !== p.id) return;
      press = null;
      if (Math.hypot(e.clientX - p.cx, e.clientY - p.cy) > CLICK_SLOP_PX) return;
      const [x, y] = host.boardPoint(e);
      request({ x, y, how: 'click' });
    },
    cancel() {
      press = null;
    },
  };
}

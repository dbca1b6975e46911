import { placeStamp, type BoardStamp } from '../../../shared/board-stamps';
import { newId } from '../../../shared/ids';
import { translation } from '../../../shared/geometry/matrix';
import type { StampRecord } from '../../../shared/objects/stamp';
import { STAMP_NAMES, type StampName } from '../../../shared/stamps/library';
import type { Tool, ToolHost } from './tool';

/** A placed stamp's box, in board units (about a hand's width on a 4K board). */
export const STAMP_SIZE = 240;

export const DEFAULT_STAMP: StampName = STAMP_NAMES[0];

export interface StampStyle {
  stamp: StampName;
  color: string;
  /** A stamp of the board picked instead of a library stamp: its records are placed. */
  boardStamp?: BoardStamp | null;
}

/** A stamp record centred on a board point. */
export function stampAt(id: string, style: StampStyle, x: number, y: number): StampRecord {
  return {
    id,
    type: 'stamp',
    stamp: style.stamp,
    color: style.color,
    w: STAMP_SIZE,
    h: STAMP_SIZE,
    transform: translation(Math.round(x - STAMP_SIZE / 2), Math.round(y - STAMP_SIZE / 2)),
  };
}

const CLICK_SLOP_PX = 10;

/** The stamp tool: each click on the board places the picked stamp there, in the palette colour. */
export function createStampTool(host: ToolHost, style: () => StampStyle): Tool {
  let press: { id: number; cx: number; cy: number } | null = null;
  return {
    cursor: 'copy',
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
      const s = style();
      const objects = s.boardStamp ? placeStamp(s.boardStamp, x, y, newId) : [stampAt(newId(), s, x, y)];
      host.emitOp({ id: newId(), kind: 'add', objects });
    },
    cancel() {
      press = null;
    },
  };
}

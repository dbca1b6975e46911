import { newId } from '../../../shared/ids';
import { LIMITS } from '../../../shared/limits';
import type { Point, Stroke, StrokeStyle } from '../../../shared/objects/stroke';
import type { Tool, ToolHost } from './tool';

/** Live batches go out about 30 times a second (DESIGN: 30–50 ms windows). */
export const LIVE_INTERVAL_MS = 33;

/** Mouse and finger have no pressure: perfect-freehand simulates it from speed instead. */
const FLAT_PRESSURE = 0.5;

/**
 * Only a pen measures pressure, and not every pen: WebKitGTK's reports 0 while pressed, which
 * would draw a vanishing line. A stroke starting at 0 is simulated like a mouse's.
 */
function hasPressure(e: PointerEvent): boolean {
  return e.pointerType === 'pen' && e.pressure > 0;
}

/** A measured pressure; 0 from a pen mid-stroke (and the pointerup's 0) keeps the last one. */
function pressureOf(e: PointerEvent, last: number): number {
  return e.pressure > 0 ? Math.min(1, e.pressure) : last;
}

interface Gesture {
  pointerId: number;
  strokeId: string;
  style: StrokeStyle;
  points: Point[];
  sent: number;
  timer: ReturnType<typeof setInterval>;
}

/** Pen, marker, highlighter and shadow pen: one tool, the preset lives in the style. */
export function createPenTool(host: ToolHost): Tool {
  let gesture: Gesture | null = null;

  /** `fallback`: the pressure to keep when a pressing pen reports none (see pressureOf). */
  function sample(e: PointerEvent, simulate: boolean, fallback = FLAT_PRESSURE): Point {
    const [x, y] = host.boardPoint(e);
    const p = simulate ? FLAT_PRESSURE : pressureOf(e, fallback);
    return [Math.round(x), Math.round(y), Math.round(p * 100) / 100];
  }

  /** A sample of the gesture: a pressure-less one carries on with the last point's pressure. */
  function next(g: Gesture, e: PointerEvent): Point {
    return sample(e, g.style.simulatePressure, g.points[g.points.length - 1]?.[2]);
  }

  function push(g: Gesture, point: Point): void {
    const last = g.points[g.points.length - 1];
    if (last && last[0] === point[0] && last[1] === point[1]) return;
    g.points.push(point);
  }

  function flushLive(g: Gesture): void {
    while (g.sent < g.points.length) {
      const points = g.points.slice(g.sent, g.sent + LIMITS.pointsPerLiveBatch);
      host.emitLive({ ...g.style, strokeId: g.strokeId, from: g.sent, points });
      g.sent += points.length;
    }
  }

  function begin(pointerId: number, style: StrokeStyle, first: Point): Gesture {
    const g: Gesture = {
      pointerId,
      strokeId: newId(),
      style,
      points: [first],
      sent: 0,
      timer: setInterval(() => {
        if (gesture) flushLive(gesture);
      }, LIVE_INTERVAL_MS),
    };
    host.preview(g.strokeId, g.style, g.points);
    return g;
  }

  function commit(g: Gesture): void {
    clearInterval(g.timer);
    host.preview(g.strokeId, g.style, []);
    const stroke: Stroke = { id: g.strokeId, type: 'stroke', ...g.style, points: g.points };
    host.emitOp({ id: newId(), kind: 'add', objects: [stroke] });
  }

  return {
    cursor: 'crosshair',
    down(e) {
      if (gesture || (e.pointerType === 'mouse' && e.button !== 0)) return;
      const style: StrokeStyle = { ...host.penStyle(), simulatePressure: !hasPressure(e) };
      gesture = begin(e.pointerId, style, sample(e, style.simulatePressure));
    },
    move(samples) {
      const g = gesture;
      if (!g) return;
      for (const e of samples) {
        push(g, next(g, e));
        // A very long stroke is committed in pieces so no op exceeds the stroke limit.
        if (g.points.length >= LIMITS.pointsPerStroke) {
          const last = g.points[g.points.length - 1] as Point;
          commit(g);
          gesture = begin(g.pointerId, g.style, last);
        }
      }
      if (gesture) host.preview(gesture.strokeId, gesture.style, gesture.points);
    },
    up(e) {
      const g = gesture;
      if (!g || e.pointerId !== g.pointerId) return;
      push(g, next(g, e));
      gesture = null;
      commit(g);
    },
    cancel() {
      const g = gesture;
      if (!g) return;
      gesture = null;
      clearInterval(g.timer);
      host.preview(g.strokeId, g.style, []);
      if (g.sent > 0) host.emitLive({ ...g.style, strokeId: g.strokeId, from: 0, points: [], cancel: true });
    },
  };
}

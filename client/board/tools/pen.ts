import { newId } from '../../../shared/ids';
import { LIMITS } from '../../../shared/limits';
import type { Point, Stroke, StrokeStyle } from '../../../shared/objects/stroke';
import type { Tool, ToolHost } from './tool';

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
  /** When the last live batch went out (performance.now), and the flush waiting for its window. */
  sentAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
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
    clearTimeout(g.timer);
    g.timer = undefined;
    if (g.sent >= g.points.length) return;
    g.sentAt = performance.now();
    while (g.sent < g.points.length) {
      const points = g.points.slice(g.sent, g.sent + LIMITS.pointsPerLiveBatch);
      host.emitLive({ ...g.style, strokeId: g.strokeId, from: g.sent, points });
      g.sent += points.length;
    }
  }

  /**
   * New points go out at once when the last batch is a window old (the leading edge: a small
   * audience sees each point as it is drawn); sooner than that they wait for the window's end
   * and go together, so a large audience costs the server a bounded number of deliveries.
   */
  function liveSoon(g: Gesture): void {
    if (g.timer !== undefined || g.sent >= g.points.length) return;
    const wait = g.sentAt + host.liveWindowMs() - performance.now();
    if (wait <= 0) flushLive(g);
    else g.timer = setTimeout(() => flushLive(g), wait);
  }

  function begin(pointerId: number, style: StrokeStyle, first: Point): Gesture {
    const g: Gesture = {
      pointerId,
      strokeId: newId(),
      style,
      points: [first],
      sent: 0,
      sentAt: -Infinity,
      timer: undefined,
    };
    host.preview(g.strokeId, g.style, g.points);
    return g;
  }

  function commit(g: Gesture): void {
    clearTimeout(g.timer);
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
      if (gesture) {
        host.preview(gesture.strokeId, gesture.style, gesture.points);
        liveSoon(gesture);
      }
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

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPenTool } from '../../client/board/tools/pen';
import type { ToolHost } from '../../client/board/tools/tool';
import { LIVE_WINDOW, liveWindowMs } from '../../shared/live-window';
import type { LiveStroke } from '../../shared/protocol';

describe('the live window, from the audience size', () => {
  it('sends each point for a small audience and coalesces within the delivery budget for a large one', () => {
    expect(liveWindowMs(0)).toBe(LIVE_WINDOW.minMs);
    expect(liveWindowMs(200)).toBe(LIVE_WINDOW.minMs);
    expect(liveWindowMs(1_000)).toBe(25);
    expect(liveWindowMs(2_000)).toBe(50);
    expect(liveWindowMs(100_000)).toBe(LIVE_WINDOW.maxMs);
    // Deliveries a second (batches × viewers) stay within the budget wherever it binds.
    for (const viewers of [400, 1_000, 1_500, 2_000])
      expect((1000 / liveWindowMs(viewers)) * viewers).toBeLessThanOrEqual(
        LIVE_WINDOW.deliveriesPerSecond * 1.01,
      );
    // And never more batches than the server's live limit takes (120 a second).
    expect(1000 / LIVE_WINDOW.minMs).toBeLessThan(120);
  });
});

/** A pointer event as the pen tool reads it: where, and which kind of pointer. */
function pointer(x: number, y: number): PointerEvent {
  return {
    clientX: x,
    clientY: y,
    pointerId: 1,
    pointerType: 'mouse',
    button: 0,
    pressure: 0.5,
  } as PointerEvent;
}

describe('the pen tool’s live stream', () => {
  let sent: { at: number; batch: LiveStroke }[];
  let windowMs: number;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function pen() {
    const host: ToolHost = {
      boardPoint: (e) => [e.clientX, e.clientY],
      zoom: () => 1,
      penStyle: () => ({ tool: 'pen', color: '#1f2328', size: 10, opacity: 1 }),
      emitOp: () => {},
      emitLive: (batch) => sent.push({ at: performance.now(), batch }),
      liveWindowMs: () => windowMs,
      preview: () => {},
      hitTest: () => [],
      setFaded: () => {},
      panBy: () => {},
    };
    return createPenTool(host);
  }

  it('sends a point at once when the line is idle, and coalesces what comes within the window', () => {
    windowMs = 10;
    const tool = pen();
    tool.down(pointer(0, 0));
    tool.move([pointer(10, 0)]);
    // The leading edge: the first move goes out with no wait.
    expect(sent.map((s) => s.batch.points.length)).toEqual([2]);
    vi.advanceTimersByTime(4);
    tool.move([pointer(20, 0)]);
    vi.advanceTimersByTime(2);
    tool.move([pointer(30, 0)]);
    expect(sent).toHaveLength(1);
    // Both go together at the window's end, from where the last batch stopped.
    vi.advanceTimersByTime(4);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.batch.from).toBe(2);
    expect(sent[1]?.batch.points.map((p) => p[0])).toEqual([20, 30]);
    // Idle longer than the window: the next point goes at once again.
    vi.advanceTimersByTime(50);
    tool.move([pointer(40, 0)]);
    expect(sent).toHaveLength(3);
    tool.up(pointer(40, 0));
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(3);
  });

  it('a large audience gets at most one batch a window, every point delivered once in order', () => {
    windowMs = liveWindowMs(2_000);
    const tool = pen();
    tool.down(pointer(0, 0));
    // A 60 Hz pen for one second.
    for (let i = 1; i <= 60; i++) {
      vi.advanceTimersByTime(1000 / 60);
      tool.move([pointer(i * 5, 0)]);
    }
    vi.advanceTimersByTime(windowMs);
    const gaps = sent.slice(1).map((s, i) => s.at - (sent[i]?.at ?? 0));
    // (Timers fire on whole milliseconds.)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(windowMs - 1.01);
    expect(sent.length).toBeLessThanOrEqual(1000 / windowMs + 2);
    const points = sent.flatMap((s) => s.batch.points.map((p) => p[0]));
    expect(points).toEqual(Array.from({ length: 61 }, (_, i) => i * 5));
    expect(
      sent.every((s, i) => s.batch.from === sent.slice(0, i).reduce((n, b) => n + b.batch.points.length, 0)),
    ).toBe(true);
  });
});

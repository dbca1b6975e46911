import type { Tool, ToolHost } from './tool';

/** Drag moves the view; used by the hand button, space-drag and the viewer's free mode. */
export function createHandTool(host: ToolHost): Tool {
  let last: { id: number; x: number; y: number } | null = null;
  return {
    cursor: 'grab',
    down(e) {
      if (last) return;
      last = { id: e.pointerId, x: e.clientX, y: e.clientY };
    },
    move(samples) {
      const e = samples[samples.length - 1];
      if (!last || !e) return;
      host.panBy(e.clientX - last.x, e.clientY - last.y);
      last = { id: last.id, x: e.clientX, y: e.clientY };
    },
    up(e) {
      if (last && e.pointerId === last.id) last = null;
    },
    cancel() {
      last = null;
    },
  };
}

/** The tool of a board nobody may touch (projector, fitted viewer). */
export const NO_TOOL: Tool = { cursor: 'default', down() {}, move() {}, up() {}, cancel() {} };

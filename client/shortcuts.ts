import { TOOLS, type ToolName } from './board/tool-names';

export type ShortcutAction =
  { kind: 'tool'; tool: ToolName } | { kind: 'undo' } | { kind: 'redo' } | { kind: 'fit' };

const TOOL_KEYS: Readonly<Record<string, ToolName>> = {
  p: TOOLS.pen,
  m: TOOLS.marker,
  h: TOOLS.highlighter,
  s: TOOLS.shadow,
  e: TOOLS.eraser,
};

/** Typing in a field must never switch tools or undo strokes. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The recorder's keyboard map; space-drag panning is handled apart because it is held. */
export function shortcutFor(e: KeyboardEvent): ShortcutAction | null {
  const key = e.key.toLowerCase();
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey) {
    if (key === 'z') return e.shiftKey ? { kind: 'redo' } : { kind: 'undo' };
    if (key === 'y') return { kind: 'redo' };
    return null;
  }
  if (e.altKey || e.shiftKey) return null;
  if (key === 'f') return { kind: 'fit' };
  const tool = TOOL_KEYS[key];
  return tool ? { kind: 'tool', tool } : null;
}

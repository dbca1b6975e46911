import { TOOLS, type ToolName } from './board/tool-names';
import type { MessageKey } from './i18n';

export type ShortcutAction =
  | { kind: 'tool'; tool: ToolName }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'fit' }
  | { kind: 'zoomActual' }
  | { kind: 'zoomSelection' }
  | { kind: 'overview' }
  | { kind: 'grid' }
  | { kind: 'help' }
  | { kind: 'delete' }
  | { kind: 'duplicate' }
  | { kind: 'front' }
  | { kind: 'back' }
  | { kind: 'deselect' };

/**
 * One key combination. `key` is compared with `KeyboardEvent.key` lower-cased (so Shift+Z is
 * 'z'); `code` (e.g. 'KeyP') also matches, so a letter still works while a Japanese IME is on.
 * `mod` is Ctrl, or ⌘ on a Mac. `shift: 'any'` accepts the key with or without Shift (the '?'
 * needs Shift on most layouts).
 */
export interface KeyCombo {
  key: string;
  code?: string;
  mod?: boolean;
  shift?: boolean | 'any';
  /** How the help panel writes the key, when not the key itself upper-cased. */
  label?: string;
}

export interface Shortcut {
  /** What it does, as the help panel names it. */
  label: MessageKey;
  keys: readonly KeyCombo[];
  /** Null for a held key the page handles itself (space-drag pans). */
  action: ShortcutAction | null;
}

const letter = (ch: string): KeyCombo => ({ key: ch, code: `Key${ch.toUpperCase()}` });
const tool = (t: ToolName): ShortcutAction => ({ kind: 'tool', tool: t });

/**
 * The recorder's keyboard map: the handler below and the help panel both read this table, so
 * they cannot disagree.
 */
export const SHORTCUTS: readonly Shortcut[] = [
  { label: 'toolPen', keys: [letter('p')], action: tool(TOOLS.pen) },
  { label: 'toolMarker', keys: [letter('m')], action: tool(TOOLS.marker) },
  { label: 'toolHighlighter', keys: [letter('h')], action: tool(TOOLS.highlighter) },
  { label: 'toolShadow', keys: [letter('s')], action: tool(TOOLS.shadow) },
  { label: 'toolEraser', keys: [letter('e')], action: tool(TOOLS.eraser) },
  { label: 'toolText', keys: [letter('t')], action: tool(TOOLS.text) },
  { label: 'toolShape', keys: [letter('r')], action: tool(TOOLS.shape) },
  { label: 'toolSelect', keys: [letter('v')], action: tool(TOOLS.select) },
  {
    label: 'selectionDuplicate',
    keys: [{ key: 'd', code: 'KeyD', mod: true }],
    action: { kind: 'duplicate' },
  },
  {
    label: 'selectionDelete',
    keys: [
      { key: 'delete', label: 'Delete' },
      { key: 'backspace', label: 'Backspace' },
    ],
    action: { kind: 'delete' },
  },
  { label: 'selectionFront', keys: [{ key: ']' }], action: { kind: 'front' } },
  { label: 'selectionBack', keys: [{ key: '[' }], action: { kind: 'back' } },
  { label: 'shortcutDeselect', keys: [{ key: 'escape', label: 'Esc' }], action: { kind: 'deselect' } },
  { label: 'toolLaser', keys: [letter('l')], action: tool(TOOLS.laser) },
  { label: 'shortcutPan', keys: [{ key: ' ', code: 'Space', label: 'Space' }], action: null },
  { label: 'undo', keys: [{ key: 'z', code: 'KeyZ', mod: true }], action: { kind: 'undo' } },
  {
    label: 'redo',
    keys: [
      { key: 'z', code: 'KeyZ', mod: true, shift: true },
      { key: 'y', code: 'KeyY', mod: true },
    ],
    action: { kind: 'redo' },
  },
  { label: 'fit', keys: [letter('f')], action: { kind: 'fit' } },
  { label: 'zoomActual', keys: [{ key: '1', code: 'Digit1' }], action: { kind: 'zoomActual' } },
  { label: 'zoomSelection', keys: [{ key: '2', code: 'Digit2' }], action: { kind: 'zoomSelection' } },
  { label: 'overview', keys: [letter('o')], action: { kind: 'overview' } },
  { label: 'grid', keys: [letter('g')], action: { kind: 'grid' } },
  { label: 'shortcutHelp', keys: [{ key: '?', shift: 'any' }], action: { kind: 'help' } },
];

/** Typing in a field must never switch tools or undo strokes. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function matches(combo: KeyCombo, e: KeyboardEvent): boolean {
  const mod = e.ctrlKey || e.metaKey;
  if (e.altKey || mod !== (combo.mod ?? false)) return false;
  if (combo.shift !== 'any' && e.shiftKey !== (combo.shift ?? false)) return false;
  const key = e.key.toLowerCase();
  if (key === combo.key) return true;
  // A Japanese IME reports 'Process' (or a kana) for a letter key; the physical key still counts.
  return combo.code !== undefined && e.code === combo.code && !/^[\x20-\x7e]$/.test(e.key);
}

/** The action a key press asks for, if any; space-drag panning is handled apart because it is held. */
export function shortcutFor(e: KeyboardEvent): ShortcutAction | null {
  for (const s of SHORTCUTS) {
    if (s.action && s.keys.some((k) => matches(k, e))) return s.action;
  }
  return null;
}

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** A key combination as the help panel shows it: 'Ctrl+Shift+Z', '⌘+Z', 'P', '?'. */
export function comboLabel(combo: KeyCombo): string {
  const parts: string[] = [];
  if (combo.mod) parts.push(IS_MAC ? '⌘' : 'Ctrl');
  if (combo.shift === true) parts.push('Shift');
  parts.push(combo.label ?? combo.key.toUpperCase());
  return parts.join('+');
}

import { DEFAULT_PALETTE } from '../../shared/palette';
import { isPenTool, PEN_TOOLS, type PenTool } from '../../shared/presets';
import { penStyle, type PenStyle, type SizeIndex } from '../board/pen-style';
import { TOOLS, type ToolName } from '../board/tool-names';

const RECENT_KEY = 'grareco.recentColors';
/** How many colours from outside the palette the toolbar keeps at hand. */
export const RECENT_COLORS = 6;

function loadRecent(): string[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((c): c is string => typeof c === 'string' && /^#[0-9a-f]{6}$/.test(c))
      .slice(0, RECENT_COLORS);
  } catch {
    return [];
  }
}

/** Tools that draw in the palette colour and size themselves: picking one keeps the tool. */
const STYLED_TOOLS: ReadonlySet<ToolName> = new Set([TOOLS.text, TOOLS.shape, TOOLS.stamp]);

/** The recorder's chosen tool, colour and size; the pen style follows from the preset. */
export class ToolState {
  tool = $state<ToolName>(PEN_TOOLS.pen);
  /** The pen preset the style comes from, kept while the eraser or hand is in use. */
  pen = $state<PenTool>(PEN_TOOLS.pen);
  color = $state<string>(DEFAULT_PALETTE[0]);
  sizeIndex = $state<SizeIndex>(1);
  /** Colours picked from outside the palette, newest first, kept on the device. */
  recent = $state<string[]>(loadRecent());
  style = $derived<PenStyle>(penStyle(this.pen, this.color, this.sizeIndex));

  select(tool: ToolName): void {
    this.tool = tool;
    if (isPenTool(tool)) this.pen = tool;
  }

  /** Picking a colour or size while erasing means "draw with this": back to the pen. */
  pickColor(color: string): void {
    this.color = color;
    if (!isPenTool(this.tool) && !STYLED_TOOLS.has(this.tool)) this.tool = this.pen;
  }

  /** A colour from the colour picker (or a recent one): used now and kept among the recent. */
  pickCustom(color: string): void {
    const c = color.toLowerCase();
    if (!/^#[0-9a-f]{6}$/.test(c)) return;
    this.recent = [c, ...this.recent.filter((r) => r !== c)].slice(0, RECENT_COLORS);
    try {
      localStorage.setItem(RECENT_KEY, JSON.stringify(this.recent));
    } catch {
      // Private mode may refuse storage: the recent colours then last for this page only.
    }
    this.pickColor(c);
  }

  pickSize(index: SizeIndex): void {
    this.sizeIndex = index;
    if (!isPenTool(this.tool) && !STYLED_TOOLS.has(this.tool)) this.tool = this.pen;
  }
}

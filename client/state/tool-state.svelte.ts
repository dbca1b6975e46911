import { DEFAULT_PALETTE } from '../../shared/palette';
import { isPenTool, PEN_TOOLS, type PenTool } from '../../shared/presets';
import { penStyle, type PenStyle, type SizeIndex } from '../board/pen-style';
import { TOOLS, type ToolName } from '../board/tool-names';

/** Tools that draw in the palette colour and size themselves: picking one keeps the tool. */
const STYLED_TOOLS: ReadonlySet<ToolName> = new Set([TOOLS.text, TOOLS.shape, TOOLS.stamp]);

/** The recorder's chosen tool, colour and size; the pen style follows from the preset. */
export class ToolState {
  tool = $state<ToolName>(PEN_TOOLS.pen);
  /** The pen preset the style comes from, kept while the eraser or hand is in use. */
  pen = $state<PenTool>(PEN_TOOLS.pen);
  color = $state<string>(DEFAULT_PALETTE[0]);
  sizeIndex = $state<SizeIndex>(1);
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

  pickSize(index: SizeIndex): void {
    this.sizeIndex = index;
    if (!isPenTool(this.tool) && !STYLED_TOOLS.has(this.tool)) this.tool = this.pen;
  }
}

import type { BoardStamp } from '../../shared/board-stamps';
import type { ShapeKind } from '../../shared/objects/shape';
import type { TextSize } from '../../shared/objects/text';
import type { StampName } from '../../shared/stamps/library';
import type { CreationStyle } from '../board/creation-style';
import { SHAPE_STROKE_WIDTHS } from '../board/tools/shape';
import { DEFAULT_STAMP } from '../board/tools/stamp';
import type { ToolState } from './tool-state.svelte';

/** Which picker panel is open under the toolbar. */
export type CreationPanel = 'shape' | 'stamp' | null;

/**
 * The recorder's choices for the creation tools; colour and size come from the shared
 * toolbar state (the palette and the three size buttons).
 */
export class CreationState {
  textSize = $state<TextSize>('heading');
  shape = $state<ShapeKind>('rect');
  fill = $state(false);
  stamp = $state<StampName>(DEFAULT_STAMP);
  /** A stamp of the board picked in the stamp panel (replaces the library stamp until another pick). */
  boardStamp = $state.raw<BoardStamp | null>(null);
  panel = $state<CreationPanel>(null);
  /** Pen mode (palm rejection): fingers pan and zoom only. */
  penMode = $state(false);
  helpOpen = $state(false);

  style(tools: ToolState): CreationStyle {
    return {
      text: { size: this.textSize, color: tools.color },
      shape: {
        kind: this.shape,
        color: tools.color,
        strokeWidth: SHAPE_STROKE_WIDTHS[tools.sizeIndex],
        fill: this.fill,
      },
      stamp: { stamp: this.stamp, color: tools.color, boardStamp: this.boardStamp },
    };
  }

  togglePanel(panel: Exclude<CreationPanel, null>): void {
    this.panel = this.panel === panel ? null : panel;
  }
}

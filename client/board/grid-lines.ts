import { FabricObject } from 'fabric';
import type { Size } from './viewport';

/** Grid spacing in board units: 32 × 18 cells on the default 3840 × 2160 board. */
export const GRID_STEP = 120;
/** Every fourth line is darker, so the grid still reads when the minor lines are dropped. */
const MAJOR_EVERY = 4;
/** Below this screen spacing (CSS px) the minor lines would turn the sheet gray: drop them. */
const MIN_SPACING_PX = 10;

/**
 * The recorder's optional drawing grid: thin lines on the sheet, under every layer. Drawn in
 * screen pixels (1 px whatever the zoom) and never a record, so viewers and exports never see it.
 */
export class GridLines extends FabricObject {
  readonly #board: Size;

  constructor(board: Size) {
    super({ selectable: false, evented: false, objectCaching: false, visible: false });
    this.#board = board;
  }

  override render(ctx: CanvasRenderingContext2D): void {
    if (!this.visible || !this.canvas) return;
    const zoom = this.canvas.viewportTransform[0] || 1;
    const { width, height } = this.#board;
    const minor = GRID_STEP * zoom >= MIN_SPACING_PX;
    ctx.save();
    ctx.lineWidth = 1 / zoom;
    for (const major of [false, true]) {
      if (!major && !minor) continue;
      ctx.strokeStyle = major ? '#ced4da' : '#e9ecef';
      ctx.beginPath();
      for (let i = 1; i * GRID_STEP < width; i++) {
        if ((i % MAJOR_EVERY === 0) !== major) continue;
        ctx.moveTo(i * GRID_STEP, 0);
        ctx.lineTo(i * GRID_STEP, height);
      }
      for (let j = 1; j * GRID_STEP < height; j++) {
        if ((j % MAJOR_EVERY === 0) !== major) continue;
        ctx.moveTo(0, j * GRID_STEP);
        ctx.lineTo(width, j * GRID_STEP);
      }
      ctx.stroke();
    }
    ctx.restore();
  }
}

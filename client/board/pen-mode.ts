/**
 * Pen mode (palm rejection). On a tablet with a stylus, a resting palm or a finger must never
 * draw: once a pen has touched the board, touch input only pans (one finger) and zooms (two
 * fingers). The recorder can also turn it on or off by hand; after that, a pen contact no
 * longer changes it.
 */
export class PenMode {
  #on = false;
  #chosen = false;
  readonly #onChange: (on: boolean) => void;

  constructor(onChange: (on: boolean) => void = () => {}) {
    this.#onChange = onChange;
  }

  get on(): boolean {
    return this.#on;
  }

  /** The recorder's own choice; it wins over detection from then on. */
  set(on: boolean): void {
    this.#chosen = true;
    this.#update(on);
  }

  /** A pen touched the board: turn pen mode on, unless the recorder has decided otherwise. */
  sawPen(): void {
    if (!this.#chosen) this.#update(true);
  }

  #update(on: boolean): void {
    if (on === this.#on) return;
    this.#on = on;
    this.#onChange(on);
  }
}

/** A two-finger tap: both fingers down and up within this time, moving less than this. */
export const TWO_FINGER_TAP = { maxMs: 250, maxMovePx: 14 } as const;

interface Finger {
  x0: number;
  y0: number;
}

/**
 * Recognises a two-finger tap (undo, as in drawing apps): two touches go down and both lift
 * within TWO_FINGER_TAP.maxMs of the first, without travelling, and no third finger joins.
 */
export class TwoFingerTap {
  readonly #fingers = new Map<number, Finger>();
  #start = 0;
  #most = 0;
  #spoilt = false;

  down(id: number, x: number, y: number, time: number): void {
    if (this.#fingers.size === 0) {
      this.#start = time;
      this.#most = 0;
      this.#spoilt = false;
    }
    this.#fingers.set(id, { x0: x, y0: y });
    this.#most = Math.max(this.#most, this.#fingers.size);
    if (this.#most > 2 || time - this.#start > TWO_FINGER_TAP.maxMs) this.#spoilt = true;
  }

  move(id: number, x: number, y: number): void {
    const f = this.#fingers.get(id);
    if (f && Math.hypot(x - f.x0, y - f.y0) > TWO_FINGER_TAP.maxMovePx) this.#spoilt = true;
  }

  /** True when this lift completes a two-finger tap. */
  up(id: number, time: number): boolean {
    if (!this.#fingers.delete(id)) return false;
    if (time - this.#start > TWO_FINGER_TAP.maxMs) this.#spoilt = true;
    return this.#fingers.size === 0 && this.#most === 2 && !this.#spoilt;
  }

  /** A cancelled touch (the browser took it over) is never a tap. */
  cancel(id: number): void {
    if (this.#fingers.delete(id)) this.#spoilt = true;
  }
}

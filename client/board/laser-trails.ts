import type { TMat2D } from 'fabric';
import { LASER_BATCH_MS } from './laser-batch';
import { trackCanvas, untrackCanvas } from './render/canvas-budget';

/** How long a piece of the trail stays visible, fading all the way. */
export const LASER_FADE_MS = 700;
/** The head stays lit while the pointer is held still, until this long without news. */
const HEAD_HOLD_MS = 4_000;
const STYLE = { color: '#ff1f1f', glow: 'rgba(255, 40, 40, 0.9)', core: '#fff4f4' } as const;

interface Sample {
  x: number;
  y: number;
  t: number;
  /** The trail was lifted before this sample: no line joins it to the one before. */
  gap: boolean;
}

interface Trail {
  samples: Sample[];
  lifted: boolean;
  /** The next sample starts a new piece. */
  gapNext: boolean;
}

/**
 * Laser pointer trails over the board: a transparent canvas above fabric's, drawn only while
 * some trail is visible. Never part of the board: nothing here is stored or exported.
 */
export class LaserTrails {
  readonly #canvas = document.createElement('canvas');
  readonly #ctx: CanvasRenderingContext2D | null;
  readonly #el: HTMLElement;
  readonly #viewport: () => TMat2D;
  readonly #trails = new Map<string, Trail>();
  #frame = 0;

  constructor(el: HTMLElement, viewport: () => TMat2D) {
    this.#el = el;
    this.#viewport = viewport;
    const c = this.#canvas;
    c.dataset['testid'] = 'laser-overlay';
    c.setAttribute('aria-hidden', 'true');
    Object.assign(c.style, {
      position: 'absolute',
      inset: '0',
      width: '100%',
      height: '100%',
      pointerEvents: 'none',
    });
    // Sized only while a trail shows: a full-screen overlay would hold 22 MB on an iPad Pro.
    c.width = 0;
    c.height = 0;
    trackCanvas(c);
    el.append(c);
    this.#ctx = c.getContext('2d');
  }

  /**
   * Samples of one pointer since its last batch (empty: lifted). A batch spans about one
   * batch interval, so its samples are spread over it and the trail fades smoothly.
   */
  add(actor: string, points: readonly (readonly [number, number])[], spanMs = LASER_BATCH_MS): void {
    const trail = this.#trails.get(actor) ?? { samples: [], lifted: false, gapNext: false };
    this.#trails.set(actor, trail);
    if (points.length === 0) {
      trail.lifted = true;
      trail.gapNext = true;
      this.#schedule();
      return;
    }
    const now = performance.now();
    points.forEach(([x, y], i) => {
      const t = now - (spanMs * (points.length - 1 - i)) / points.length;
      trail.samples.push({ x, y, t, gap: trail.gapNext && i === 0 });
    });
    trail.gapNext = false;
    trail.lifted = false;
    this.#schedule();
  }

  destroy(): void {
    cancelAnimationFrame(this.#frame);
    this.#trails.clear();
    untrackCanvas(this.#canvas);
    this.#canvas.remove();
  }

  #schedule(): void {
    if (this.#frame === 0) this.#frame = requestAnimationFrame(() => this.#draw());
  }

  #draw(): void {
    this.#frame = 0;
    const ctx = this.#ctx;
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(this.#el.clientWidth * dpr));
    const h = Math.max(1, Math.round(this.#el.clientHeight * dpr));
    if (this.#canvas.width !== w || this.#canvas.height !== h) {
      this.#canvas.width = w;
      this.#canvas.height = h;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const vt = this.#viewport();
    ctx.setTransform(dpr * vt[0], 0, 0, dpr * vt[3], dpr * vt[4], dpr * vt[5]);
    const now = performance.now();
    let visible = false;
    for (const [actor, trail] of this.#trails) {
      const first = trail.samples.findIndex((s) => now - s.t < LASER_FADE_MS);
      const last = trail.samples[trail.samples.length - 1];
      const holding = !trail.lifted && last !== undefined && now - last.t < HEAD_HOLD_MS;
      // Keep the last sample while the pointer is held still: it is the head.
      trail.samples = first < 0 ? (holding && last ? [last] : []) : trail.samples.slice(first);
      if (trail.samples.length === 0 && trail.lifted) {
        this.#trails.delete(actor);
        continue;
      }
      visible ||= trail.samples.length > 0;
      this.#drawTrail(ctx, trail, now, holding, 1 / (vt[0] || 1));
    }
    if (visible) {
      this.#schedule();
    } else {
      this.#canvas.width = 0;
      this.#canvas.height = 0;
    }
  }

  /** `px` is one screen pixel in board units: the trail keeps its size whatever the zoom. */
  #drawTrail(ctx: CanvasRenderingContext2D, trail: Trail, now: number, holding: boolean, px: number): void {
    const s = trail.samples;
    ctx.save();
    // Butt ends: round ones overlap at every joint and bead a see-through trail.
    ctx.lineCap = 'butt';
    ctx.shadowColor = STYLE.glow;
    ctx.shadowBlur = 14;
    for (let i = 1; i < s.length; i++) {
      const a = s[i - 1] as Sample;
      const b = s[i] as Sample;
      if (b.gap) continue;
      const life = 1 - (now - b.t) / LASER_FADE_MS;
      if (life <= 0) continue;
      // Bright for most of its life, then gone quickly: easier to follow on a far screen.
      ctx.globalAlpha = Math.sqrt(life);
      ctx.strokeStyle = STYLE.color;
      ctx.lineWidth = (3 + 4 * life) * px;
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    }
    const head = s[s.length - 1];
    if (head && (holding || now - head.t < LASER_FADE_MS)) {
      ctx.globalAlpha = holding ? 1 : Math.max(0, 1 - (now - head.t) / LASER_FADE_MS);
      ctx.fillStyle = STYLE.color;
      ctx.beginPath();
      ctx.arc(head.x, head.y, 8 * px, 0, Math.PI * 2);
      ctx.fill();
      ctx.shadowBlur = 0;
      ctx.fillStyle = STYLE.core;
      ctx.beginPath();
      ctx.arc(head.x, head.y, 3 * px, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.restore();
  }
}

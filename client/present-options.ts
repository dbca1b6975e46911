import { VIEW_MODES, type ViewMode } from './board/view-follower';

/** Backgrounds around the board for the hall, or for OBS as a browser source. */
export const PRESENT_BACKGROUNDS = {
  /** The hall: a dark surround that disappears on a projector. */
  dark: '#111111',
  /** OBS: the page itself is see-through; the board sheet stays white. */
  transparent: 'transparent',
  /** OBS chroma key. */
  green: '#00b140',
} as const;
export type PresentBackground = keyof typeof PRESENT_BACKGROUNDS;

export interface PresentOptions {
  view: Extract<ViewMode, 'follow' | 'fit'>;
  qr: boolean;
  bg: PresentBackground;
}

/** `?view=follow|fit` (default fit), `?qr=1`, `?bg=transparent|green` of a projector link. */
export function parsePresentOptions(search: string): PresentOptions {
  const params = new URLSearchParams(search);
  const bg = params.get('bg');
  return {
    view: params.get('view') === VIEW_MODES.follow ? VIEW_MODES.follow : VIEW_MODES.fit,
    qr: ['1', 'true', 'yes'].includes(params.get('qr') ?? ''),
    bg: bg === 'transparent' || bg === 'green' ? bg : 'dark',
  };
}

/** The viewer link for the same board: the projector's key is the view key. */
export function viewerLink(origin: string, boardId: string, key: string): string {
  return `${origin}/b/${encodeURIComponent(boardId)}/view?key=${encodeURIComponent(key)}`;
}

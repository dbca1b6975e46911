import { BOARD_FONT, BOARD_SUBSET_FONT, fullFontLater, useBoardFace } from './board/render/board-faces';
import { t, type MessageKey } from './i18n';
import { ja } from './i18n/ja';

/** A slow venue network must not hold the page back longer than this. */
const FONT_WAIT_MS = 1_500;
/** The board's faces are built on the first viewer's request: worth a longer wait. */
const BOARD_FONT_WAIT_MS = 5_000;

/** What the viewer's chrome says (regular weight), so the board's faces can hold it too. */
const VIEWER_TEXT: readonly MessageKey[] = [
  'loading',
  'connOnline',
  'connReconnecting',
  'connOffline',
  'recorderOnline',
  'recorderOffline',
  'followLive',
  'followFit',
  'followFree',
  'language',
  'coverDefault',
];
const VIEWER_BOLD_TEXT: readonly MessageKey[] = ['backToLive'];

function timeout(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * The full font's @font-face rules (self-hosted Japanese glyphs: venue PCs and Linux boxes
 * often lack a CJK font), one rule per unicode-range slice: 33 kB of stylesheet, which the
 * viewer takes after its first paint instead of before it (its board's own faces come first).
 */
function loadFullFont(): Promise<unknown> {
  return Promise.all([
    import('@fontsource/noto-sans-jp/400.css'),
    import('@fontsource/noto-sans-jp/700.css'),
  ]);
}

/**
 * Loads the font subsets the interface text needs before the first render. Chromium keeps
 * showing empty boxes for text that was laid out while its unicode-range subset was still
 * loading, so loading first gives a clean first paint instead of relying on the swap.
 */
export function loadInterfaceFonts(): Promise<void> {
  return loadSlicesFor([...new Set(Object.values(ja).join(''))].join(''));
}

/** The full font's rules, then the slices that `sample`'s characters fall in (both weights). */
async function loadSlicesFor(sample: string, boldSample = sample): Promise<void> {
  await loadFullFont().catch(() => {});
  if (!('fonts' in document)) return;
  const loads = [
    document.fonts.load(`400 16px "${BOARD_FONT}"`, sample),
    document.fonts.load(`700 16px "${BOARD_FONT}"`, boldSample),
  ];
  await Promise.race([Promise.allSettled(loads), timeout(FONT_WAIT_MS)]);
}

interface FaceEntry {
  weight: number;
  url: string;
  unicodeRange: string;
}

/** `U+20,U+3042-3044` back to its code points. */
export function rangeCodePoints(range: string): Set<number> {
  const out = new Set<number>();
  for (const part of range.split(',')) {
    const m = /^U\+([0-9A-F]+)(?:-([0-9A-F]+))?$/i.exec(part.trim());
    if (!m?.[1]) continue;
    const from = parseInt(m[1], 16);
    const to = m[2] ? parseInt(m[2], 16) : from;
    for (let cp = from; cp <= to && to - from < 0x10000; cp++) out.add(cp);
  }
  return out;
}

function isFaceList(value: unknown): value is { faces: FaceEntry[] } {
  const faces = (value as { faces?: unknown } | null)?.faces;
  return (
    Array.isArray(faces) &&
    faces.every(
      (f: unknown) =>
        typeof (f as FaceEntry).weight === 'number' &&
        typeof (f as FaceEntry).url === 'string' &&
        (f as FaceEntry).url.startsWith('/api/fonts/') &&
        typeof (f as FaceEntry).unicodeRange === 'string',
    )
  );
}

/** The language list names each language in itself (LanguageSwitch.svelte). */
const LANGUAGE_NAMES = '日本語English';

function chars(keys: readonly MessageKey[], extra = ''): string {
  return [...new Set(keys.map((k) => t(k)).join('') + extra)].join('');
}

/**
 * The viewer's fonts: one face per weight cut by the server from the board's own text (and
 * the chrome's), instead of the dozens of full-font slices that text falls in; a phone on
 * the hall's Wi-Fi loads a few dozen kB instead of most of a megabyte. The faces are a family
 * of their own, put before the full font in the stacks (ViewerPage, BOARD_FONT_STACK), with
 * exactly their characters as unicode-range: a character typed later still loads its slice.
 * Resolves once the faces are known and loading, not loaded: the page mounts and draws the
 * board while the face files come in (text is drawn again when its face is in,
 * textFontReady). The full font's rules come after (loadViewerFullFont), for characters
 * typed later. Without faces, the slices load first, as on every other page.
 */
export async function loadViewerFonts(boardId: string, key: string): Promise<void> {
  const fallback = () => loadSlicesFor(chars(VIEWER_TEXT, LANGUAGE_NAMES), chars(VIEWER_BOLD_TEXT));
  if (!('fonts' in document) || typeof FontFace === 'undefined') return fallback();
  const query = new URLSearchParams({
    key,
    ui: chars(VIEWER_TEXT, LANGUAGE_NAMES),
    uib: chars(VIEWER_BOLD_TEXT),
  });
  const loads: Promise<unknown>[] = [];
  const add = async () => {
    const res = await fetch(`/api/boards/${encodeURIComponent(boardId)}/fonts?${query}`);
    if (!res.ok) return;
    const body: unknown = await res.json();
    if (!isFaceList(body)) return;
    for (const f of body.faces) {
      const face = new FontFace(BOARD_SUBSET_FONT, `url(${f.url}) format("woff2")`, {
        weight: String(f.weight),
        unicodeRange: f.unicodeRange,
      });
      document.fonts.add(face);
      useBoardFace(f.weight, { face, codePoints: rangeCodePoints(f.unicodeRange) });
      loads.push(face.load());
    }
  };
  await Promise.race([add().catch(() => {}), timeout(BOARD_FONT_WAIT_MS)]);
  // No faces (refused, slow, broken): the chrome's slices before the first render, as other
  // pages do; the board's text loads its own (textFontReady).
  if (loads.length === 0) return fallback();
  const faces = Promise.allSettled(loads);
  const mounted = new Promise<void>((resolve) => {
    startFullFont = resolve;
  });
  fullFontLater(mounted.then(() => faces).then(() => loadFullFont()));
}

let startFullFont: (() => void) | undefined;

/**
 * The viewer's full-font rules, asked for once the page has mounted and its faces are in: on
 * a thin link they would share its bandwidth with what the first paint waits for. Text with a
 * character the faces lack waits for them (textFontReady).
 */
export function loadViewerFullFont(): void {
  startFullFont?.();
}

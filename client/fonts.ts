// Self-hosted Japanese glyphs: venue PCs and Linux boxes often lack a CJK font.
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
import { ja } from './i18n/ja';

/** A slow venue network must not hold the page back longer than this. */
const FONT_WAIT_MS = 1_500;

/**
 * Loads the font subsets the interface text needs before the first render. Chromium keeps
 * showing empty boxes for text that was laid out while its unicode-range subset was still
 * loading, so loading first gives a clean first paint instead of relying on the swap.
 */
export async function loadInterfaceFonts(): Promise<void> {
  if (!('fonts' in document)) return;
  const sample = [...new Set(Object.values(ja).join(''))].join('');
  const loads = ['400', '700'].map((w) => document.fonts.load(`${w} 16px "Noto Sans JP"`, sample));
  await Promise.race([Promise.allSettled(loads), new Promise((r) => setTimeout(r, FONT_WAIT_MS))]);
}

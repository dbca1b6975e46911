import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Noto Sans JP as TrueType from npm: the same family the browser loads (as web font subsets),
 * embedded and subset by pdfkit, and handed to resvg for PNGs.
 */
export const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf'),
} as const;

export const FONT_FAMILY = 'Noto Sans JP';

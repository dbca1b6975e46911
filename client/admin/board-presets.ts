import type { MessageKey } from '../i18n';

/** Board sizes an organiser picks from; `custom` opens width and height fields. */
export const SIZE_PRESETS = {
  screen: { width: 3840, height: 2160, label: 'sizeScreen' },
  print: { width: 4961, height: 3508, label: 'sizePrint' },
  panorama: { width: 4320, height: 2160, label: 'sizePanorama' },
} as const satisfies Record<string, { width: number; height: number; label: MessageKey }>;

export type SizePreset = keyof typeof SIZE_PRESETS;
export const CUSTOM_SIZE = 'custom' as const;
export type SizeChoice = SizePreset | typeof CUSTOM_SIZE;

export function isSizePreset(value: string): value is SizePreset {
  return Object.hasOwn(SIZE_PRESETS, value);
}

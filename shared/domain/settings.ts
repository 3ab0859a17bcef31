import { z } from 'zod';

export const languages = ['en-GB', 'cy'] as const;
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;

export const textSizes = ['standard', 'large', 'largest'] as const;
export const TextSize = z.enum(textSizes);
export const contrasts = ['standard', 'high'] as const;
export const Contrast = z.enum(contrasts);
/** 'system' follows the operating system's reduce-motion setting; 'reduced' always reduces. */
export const motions = ['system', 'reduced'] as const;
export const Motion = z.enum(motions);

export const Settings = z.object({
  language: Language,
  textSize: TextSize,
  contrast: Contrast,
  motion: Motion,
});
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = { language: 'en-GB', textSize: 'standard', contrast: 'standard', motion: 'system' };

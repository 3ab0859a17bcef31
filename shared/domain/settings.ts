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

/** Keep stored papers this many months after their meeting (0: keep them for ever, the default). */
export const retentionChoices = [0, 6, 12, 24, 36] as const;
export const RetentionMonths = z.literal(retentionChoices);
export type RetentionMonths = z.infer<typeof RetentionMonths>;

export const Settings = z.object({
  language: Language,
  textSize: TextSize,
  contrast: Contrast,
  motion: Motion,
  /** The first-run welcome has been finished or skipped on this device. */
  onboarded: z.boolean(),
  /** The reader shows each page's text reflowed in large type beside the page. */
  largePrint: z.boolean(),
  /** Delete the papers (not the record) of meetings older than this; applied on demand and at start-up. */
  retentionMonths: RetentionMonths,
  /** Before retention deletes papers, save the member's own notes on them as Markdown. */
  retentionExportNotes: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = { language: 'en-GB', textSize: 'standard', contrast: 'standard', motion: 'system', onboarded: false, largePrint: false, retentionMonths: 0, retentionExportNotes: true };

import { z } from 'zod';

export const languages = ['en-GB', 'cy'] as const;
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;

export const Settings = z.object({
  language: Language,
});
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = { language: 'en-GB' };

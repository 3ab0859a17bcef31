import type { annotationColours } from '../../../shared/annotations/schema';

export const tools = ['select', 'highlight', 'underline', 'strike', 'note', 'free-text', 'ink'] as const;
export type Tool = (typeof tools)[number];

export const textTools: readonly Tool[] = ['highlight', 'underline', 'strike'];

/** Names for the palette, so colours are announced, not only seen. */
export const colourNames: Record<(typeof annotationColours)[number], string> = {
  '#ffd60a': 'yellow',
  '#7bdff2': 'blue',
  '#b9fbc0': 'green',
  '#ffadad': 'red',
  '#cdb4db': 'purple',
};

/** Single-key shortcuts while the pages have focus (not in a text field). */
export const toolKeys: Record<string, Tool> = { v: 'select', h: 'highlight', u: 'underline', s: 'strike', n: 'note', t: 'free-text', i: 'ink' };

/**
 * The clerk's narrative as a small structured document instead of HTML: paragraphs of text runs
 * (bold, italic) and bulleted or numbered lists. Every export format renders it from this tree, so
 * nothing a clerk pastes can inject markup or script into published minutes, and Word, PDF and
 * HTML show the same thing. Pure TypeScript.
 */
import { z } from 'zod';

export const TextRun = z
  .object({
    text: z.string().max(20_000),
    bold: z.boolean().optional(),
    italic: z.boolean().optional(),
  })
  .strict();
export type TextRun = z.infer<typeof TextRun>;

const Runs = z.array(TextRun).max(500);

export const Paragraph = z.object({ type: z.literal('paragraph'), runs: Runs }).strict();
export type Paragraph = z.infer<typeof Paragraph>;

/** A list; each item is one line of runs. `ordered` lists are the "numbered paragraphs" of house style. */
export const List = z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(Runs).min(1).max(500) }).strict();
export type List = z.infer<typeof List>;

export const RichBlock = z.discriminatedUnion('type', [Paragraph, List]);
export type RichBlock = z.infer<typeof RichBlock>;

export const RichText = z.array(RichBlock).max(1000);
export type RichText = z.infer<typeof RichText>;

export const plainParagraph = (text: string): Paragraph => ({ type: 'paragraph', runs: [{ text }] });

/** Plain text with blank-line paragraphs and "• " / "1. " list lines, as a seed or an outcome gives it. */
export function richTextFromPlain(text: string): RichText {
  const blocks: RichText = [];
  let list: List | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const bullet = /^(?:[•·\-*])\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      const ordered = numbered !== null && bullet === null;
      if (!list || list.ordered !== ordered) {
        list = { type: 'list', ordered, items: [] };
        blocks.push(list);
      }
      list.items.push([{ text: item[1] ?? '' }]);
      continue;
    }
    list = null;
    if (line !== '') blocks.push(plainParagraph(line));
  }
  return blocks;
}

/** The text alone, for search, the JSON export and emptiness checks. */
export function plainText(rich: RichText): string {
  return rich
    .map((block) => (block.type === 'paragraph' ? runsText(block.runs) : block.items.map((runs, i) => `${block.ordered ? `${i + 1}.` : '•'} ${runsText(runs)}`).join('\n')))
    .join('\n\n');
}

export const runsText = (runs: readonly TextRun[]): string => runs.map((r) => r.text).join('');

export const isBlank = (rich: RichText): boolean => plainText(rich).trim() === '';

/** Escapes text for HTML; the HTML export builds its markup only through it. */
export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

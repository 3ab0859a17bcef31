/** Without an agenda table, the headings at the top of pages stand in for items (a briefing pack, slides). */
import type { PackItem } from '../domain/pack';
import { joinWrapped, type Line } from './lines';
import type { PackText } from './packText';
import { isNoise } from './pageFooters';

function isUpperHeading(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toLocaleUpperCase('en-GB') && letters !== letters.toLocaleLowerCase('en-GB');
}

function pageHeading(lines: readonly Line[]): string | null {
  const body = lines.filter((l) => !isNoise(l));
  const first = body[0];
  if (!first || first.text.length > 250) return null;
  const kind = first.bold === true ? 'bold' : isUpperHeading(first.text) ? 'upper' : null;
  if (!kind) return null;
  const parts = [first.text];
  let prev = first;
  for (let i = 1; i < body.length && parts.length < 6; i += 1) {
    const line = body[i];
    if (!line) break;
    const same = kind === 'bold' ? line.bold === true : isUpperHeading(line.text);
    if (!same) break;
    if (prev.height !== undefined && line.height !== undefined && Math.abs(prev.height - line.height) > 0.5) break;
    if (prev.y !== undefined && line.y !== undefined && prev.height !== undefined && line.y - prev.y > prev.height * 1.6) break;
    parts.push(line.text);
    prev = line;
  }
  const heading = joinWrapped(parts);
  return heading.length > 0 && heading.length <= 300 ? heading : null;
}

export function headingItems(pages: PackText, numbers: ReadonlyArray<number | null>): PackItem[] {
  const items: PackItem[] = [];
  let previous: string | null = null;
  for (let p = 0; p < pages.count; p += 1) {
    const heading = pageHeading(pages.head(p, 12));
    const open = items[items.length - 1];
    if (heading === null || heading === previous) {
      if (open?.pdfPages) open.pdfPages.to = p + 1;
      continue;
    }
    previous = heading;
    items.push({ number: String(items.length + 1), title: heading, printedPages: null, pdfPages: { from: p + 1, to: p + 1 }, timing: null, status: 'published' });
  }
  for (const item of items) {
    if (!item.pdfPages) continue;
    const printed = numbers.slice(item.pdfPages.from - 1, item.pdfPages.to).filter((n): n is number => typeof n === 'number');
    if (printed.length > 0) item.printedPages = { from: Math.min(...printed), to: Math.max(...printed) };
  }
  return items;
}

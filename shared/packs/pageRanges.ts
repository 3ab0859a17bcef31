/**
 * From printed page numbers to PDF pages: an agenda's printed ranges (or start pages alone) are
 * found in the pack through the page footers, or through "Agenda Item N" stamps where there are none.
 */
import type { PackItem, PageRange } from '../domain/pack';

/** Fills runs of unnumbered pages lying between two numbered pages whose numbers leave exactly that gap. */
export function interpolate(printed: ReadonlyArray<number | null>): Array<number | null> {
  const out = printed.slice();
  let last = -1;
  for (let i = 0; i < printed.length; i += 1) {
    const value = printed[i];
    if (value === null || value === undefined) continue;
    const prev = last >= 0 ? printed[last] : null;
    if (prev !== null && prev !== undefined && i - last > 1 && value - prev === i - last) {
      for (let j = last + 1; j < i; j += 1) out[j] = prev + (j - last);
    }
    last = i;
  }
  return out;
}

/**
 * The PDF pages (1-based) printed within `range`: from the first page numbered in it, on while
 * pages stay in it (unnumbered pages between numbered ones count), stopping at a number outside it.
 */
export function pdfPagesFor(range: PageRange, numbers: ReadonlyArray<number | null>): PageRange | null {
  const inRange = (v: number | null | undefined): v is number => typeof v === 'number' && v >= range.from && v <= range.to;
  const first = numbers.findIndex(inRange);
  if (first < 0) return null;
  let last = first;
  for (let j = first + 1; j < numbers.length; j += 1) {
    const v = numbers[j];
    if (inRange(v)) last = j;
    else if (v !== null && v !== undefined) break;
  }
  return { from: first + 1, to: last + 1 };
}

/** Without footers: from the page stamped "Agenda Item N" to the page before the next stamp. */
export function stampPages(number: string, stamps: ReadonlyArray<string | null>): PageRange | null {
  const from = stamps.indexOf(number.toLowerCase());
  if (from < 0) return null;
  let to = from;
  while (to + 1 < stamps.length && stamps[to + 1] === null) to += 1;
  return { from: from + 1, to: to + 1 };
}

/**
 * An agenda that prints only where each item starts: every page entry is one number, rising down
 * the table (two at least, or there is nothing to tell a start page from a one-page report).
 */
export function givesStartPagesOnly(items: readonly PackItem[]): boolean {
  const starts = items.flatMap((i) => (i.printedPages ? [i.printedPages] : []));
  if (starts.length < 2 || starts.some((r) => r.from !== r.to)) return false;
  return starts.every((r, i) => i === 0 || r.from > (starts[i - 1]?.from ?? 0));
}

/** Each item runs to the page before the next item's start; the last to the last page printed in the pack. */
export function extendStartPages(items: PackItem[], printed: ReadonlyArray<number | null>): void {
  const lastPrinted = Math.max(0, ...printed.filter((n): n is number => typeof n === 'number'));
  const withPages = items.filter((i) => i.printedPages !== null);
  withPages.forEach((item, i) => {
    const range = item.printedPages;
    if (!range) return;
    const next = withPages[i + 1]?.printedPages;
    const to = next ? next.from - 1 : Math.max(range.from, lastPrinted);
    item.printedPages = { from: range.from, to: Math.max(range.from, to) };
  });
}

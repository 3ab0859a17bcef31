import type { PackItem, PageRange } from '../../../shared/domain/pack';
import type { Translate } from '../format/dates';

/** Printed page numbers as the front sheet gives them: "Page 5" or "Pages 1–18". */
export function formatPrintedPages(range: PageRange, t: Translate): string {
  return range.from === range.to ? t('pack.pages.one', { page: range.from }) : t('pack.pages.range', { from: range.from, to: range.to });
}

/** PDF page indices, for packs whose pages carry no printed numbers: "PDF pages 3–5". */
export function formatPdfPages(range: PageRange, t: Translate): string {
  return range.from === range.to ? t('pack.pdfPages.one', { page: range.from }) : t('pack.pdfPages.range', { from: range.from, to: range.to });
}

/** The item (if any) whose papers include this 1-based PDF page. */
export function itemAtPage(items: readonly PackItem[], page: number): PackItem | null {
  return items.find((item) => item.pdfPages !== null && page >= item.pdfPages.from && page <= item.pdfPages.to) ?? null;
}

/** The reader's address for a meeting's pack, optionally at a page, an older version and words to find. */
export function readerPath(meetingId: string, options: { page?: number; version?: number; find?: string } = {}): string {
  const params = new URLSearchParams();
  if (options.version !== undefined) params.set('version', String(options.version));
  if (options.page !== undefined) params.set('page', String(options.page));
  // The reader marks these words on the page it opens (a search result's words).
  if (options.find) params.set('find', options.find);
  const query = params.toString();
  return `/meetings/${meetingId}/pack${query ? `?${query}` : ''}`;
}

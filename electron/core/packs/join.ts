import { PDFDocument, type PDFPage } from 'pdf-lib';
import { PackStructure, type ItemStatus, type PackItem, type PackMeeting, type PageRange } from '../../../shared/domain/pack';
import type { parsePackStructure } from '../../../shared/packs/structure';

/**
 * Meetings published as separate papers (Modern.gov's linked PDFs, the council endpoint's reports
 * and appendices) become one pack PDF, because the reader, search, pack versions and annotation
 * re-anchoring all work on one pack per meeting version. The items come from the agenda the papers
 * were published under, not from reading the joined text, so they are exact.
 */

export interface JoinPart<K> {
  key: K;
  bytes: Uint8Array;
}

/** A part pdf-lib cannot read (not a PDF, damaged, encrypted, no pages): which one, and why. */
export class UnreadablePart<K> extends Error {
  constructor(
    readonly key: K,
    reason: string,
  ) {
    super(reason);
  }
}

/** Copies every page of each part, in the order given, into one PDF; says which pages each part became. */
export async function joinPdfs<K>(parts: readonly JoinPart<K>[], title: string): Promise<{ bytes: Uint8Array; ranges: Map<K, PageRange> }> {
  const joined = await PDFDocument.create();
  const ranges = new Map<K, PageRange>();
  for (const part of parts) {
    let pages: PDFPage[];
    try {
      // pdf-lib reads lazily: a damaged file may load and fail only when its pages are asked for.
      const source = await PDFDocument.load(part.bytes, { ignoreEncryption: false });
      pages = await joined.copyPages(source, source.getPageIndices());
    } catch (error) {
      throw new UnreadablePart(part.key, (error as Error).message);
    }
    if (pages.length === 0) throw new UnreadablePart(part.key, 'it has no pages');
    const from = joined.getPageCount() + 1;
    for (const page of pages) joined.addPage(page);
    ranges.set(part.key, { from, to: joined.getPageCount() });
  }
  joined.setTitle(title);
  return { bytes: await joined.save(), ranges };
}

export interface AgendaEntry<K> {
  number: string;
  title: string;
  restricted: boolean;
  /** The item's papers in the joined PDF, by part key; a key not joined (not held) has no pages. */
  parts: readonly K[];
  /** Papers the agenda lists for the item, held or not: listed but none held means "to follow". */
  listed: number;
}

/** An agenda item mapped onto the pages its papers occupy in the joined PDF. */
export function agendaItem<K>(entry: AgendaEntry<K>, ranges: ReadonlyMap<K, PageRange>): PackItem {
  const pages = entry.parts.map((key) => ranges.get(key)).filter((r) => r !== undefined);
  const status: ItemStatus = pages.length > 0 ? 'published' : entry.listed > 0 ? 'to-follow' : 'none';
  return {
    number: entry.number,
    title: entry.title,
    printedPages: null,
    pdfPages: pages.length > 0 ? { from: Math.min(...pages.map((r) => r.from)), to: Math.max(...pages.map((r) => r.to)) } : null,
    timing: null,
    status,
    ...(entry.restricted ? { restricted: true } : {}),
  };
}

/** What the publisher's agenda says: the meeting and its items already mapped to pages. */
export interface AgendaOutline {
  meeting: PackMeeting;
  items: PackItem[];
}

/**
 * The pack structure of a joined PDF: the agenda is the agenda table; the reading of the joined text
 * is used only for printed page numbers and for the warnings about missing text or size.
 */
export function agendaStructure(agenda: AgendaOutline, parsed: ReturnType<typeof parsePackStructure>): PackStructure {
  return PackStructure.parse({
    meeting: agenda.meeting,
    items: agenda.items,
    printedPageNumbers: parsed.printedPageNumbers,
    source: 'agenda-table',
    warnings: parsed.warnings.filter((w) => w.code === 'NO_TEXT_LAYER' || w.code === 'PAGES_WITHOUT_TEXT' || w.code === 'VERY_LARGE_PACK'),
  });
}

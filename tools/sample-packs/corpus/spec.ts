/**
 * A front-sheet layout for the layout corpus: what the agenda says (the ground truth) and how the
 * council sets it (front sheet, page entries, page numbers). Layouts are written from public
 * descriptions of how councils lay out their packs; the councils, people and reports are invented.
 */
import type { Flow, FooterStyle } from '../layout';
import type { PageRange, SampleMeeting } from '../manifest';

export type CorpusStatus = 'none' | 'to-follow' | 'previously-circulated';

export interface CorpusItem {
  /** As printed in the number column; empty for an unnumbered (bulleted) entry. */
  number: string;
  /** The title as the reader should give it. */
  title: string;
  /** What is printed where it differs from the title (a footnote marker after it). */
  printedTitle?: string;
  /** Pages of papers in the pack; none for an item without papers. */
  reportPages?: number;
  /** For an item without papers. */
  status?: CorpusStatus;
  /** Printed for an item without papers: "To follow", "Previously circulated". */
  statusText?: string;
  /** Printed under the title (what the item is for). */
  description?: string;
  timingText?: string;
  timing?: { from: string; to: string };
}

/** What the front sheet prints for one item, ready to be set by the layout. */
export interface ItemEntry {
  item: CorpusItem;
  /** The page column: a range, a start page, a status word, or "". */
  pages: string;
}

export interface CorpusLayout {
  id: string;
  description: string;
  language: 'en-GB' | 'cy';
  meeting: SampleMeeting;
  items: CorpusItem[];
  /** The agenda prints each item's printed range, or only the page it starts on. */
  pageEntry: 'range' | 'start';
  footer: FooterStyle;
  /** The printed number of the first report page. */
  firstPrinted?: number;
  /** The published PDF stops after this many report pages (a pack cut short of the agenda's last pages). */
  keepReportPages?: number;
  /** Pages before the front sheet (a cover). */
  cover?: (flow: Flow) => void;
  front: (flow: Flow, entries: readonly ItemEntry[]) => void;
}

export interface CorpusTruthItem {
  number: string;
  title: string;
  printedPages: PageRange | null;
  pdfPages: PageRange | null;
  timing: { from: string; to: string } | null;
  status: 'published' | CorpusStatus;
}

export interface CorpusPack {
  id: string;
  file: string;
  description: string;
  language: 'en-GB' | 'cy';
  pageCount: number;
  printedPageNumbers: Array<number | null>;
  meeting: SampleMeeting;
  items: CorpusTruthItem[];
}

/**
 * Assembles an agenda pack the way Modern.gov builds one: preliminary pages, a front sheet whose
 * agenda table gives each report's printed page range, then the reports with "Page N" footers.
 * Reports are laid out first so the front sheet can print the ranges they really occupy.
 */
import {
  Flow,
  type Measurer,
  type Page,
  newPage,
  pageText,
  stampTopRight,
} from './layout';
import type {
  PageRange,
  PassageLocation,
  SampleAgendaItem,
  SampleItemStatus,
  SampleMeeting,
} from './manifest';
import type { Block, Run } from './text';

export interface ReportSpec {
  blocks: Block[];
  /** Pad with blank pages or cut to exactly this many pages; null keeps the natural length. */
  pages: number | null;
}

export interface ItemSpec {
  number: number;
  title: string;
  /** A paragraph printed under the title in the subject cell (public participation rules). */
  boilerplate?: string;
  timingText?: string;
  status: SampleItemStatus;
  /** What the page column says when there is no report ("To follow", "Previously circulated"). */
  pageColumnText?: string;
  report?: ReportSpec;
}

export interface FrontSheetText {
  committee: string;
  /** Date, time and the one venue line, printed together as the seed pack does. */
  dateLine: string;
  membershipHeading: string;
  councillorsLabel: string;
  membersLine: string;
  agendaHeading: string;
  columns: [string, string, string];
  afterTable: string[];
  dateOfIssue: string;
  notes?: string[];
}

export interface AgendaPackSpec {
  footerLabel: string;
  blankText: string;
  /** "Agenda Item" stamped on each report's first page. */
  stampLabel: string;
  /** Cover, guidance and anything else before the front sheet; each call starts a page. */
  preliminary: Array<(flow: Flow) => void>;
  front: FrontSheetText;
  meeting: SampleMeeting;
  items: ItemSpec[];
  /** Insert a blank page after the front sheet when needed so reports start on an odd page. */
  duplex: boolean;
}

export interface AssembledPack {
  pages: Page[];
  items: SampleAgendaItem[];
  frontSheetPdfPages: PageRange;
}

/** Converts an indicative timing such as "11:30 – 12:10pm" to 24-hour times. */
export function parseTiming(text: string): { from: string; to: string } | null {
  const match = /(\d{1,2})[:.](\d{2})\s*[–—-]\s*(\d{1,2})[:.](\d{2})\s*(am|pm|a\.m\.|p\.m\.|y\.?b\.?|y\.?p\.?|y\.?h\.?)?/i.exec(text);
  if (!match) return null;
  const [, h1, m1, h2, m2, suffixRaw] = match;
  const suffix = (suffixRaw ?? '').toLowerCase().replace(/\./g, '');
  // Welsh "yb" is am; "yp"/"yh" are afternoon and evening.
  const pm = suffix === 'pm' || suffix === 'yp' || suffix === 'yh';
  const am = suffix === 'am' || suffix === 'yb';
  const endHour12 = Number(h2);
  let end = endHour12;
  if (pm && endHour12 < 12) end = endHour12 + 12;
  if (am && endHour12 === 12) end = 0;
  const endMinutes = end * 60 + Number(m2);
  // The suffix belongs to the end time; the start takes whichever half-day keeps it before the end.
  let start = Number(h1);
  if (pm && start < 12 && (start + 12) * 60 + Number(m1) <= endMinutes) start += 12;
  if (am && start === 12) start = 0;
  const hhmm = (h: number, m: string | undefined): string => `${String(h).padStart(2, '0')}:${m ?? '00'}`;
  return { from: hhmm(start, m1), to: hhmm(end, m2) };
}

export function formatRange(range: PageRange): string {
  return range.from === range.to ? String(range.from) : `${range.from} - ${range.to}`;
}

function blankPage(text: string, m: Measurer): Page {
  const flow = new Flow(m, { blankText: text });
  flow.blankPage();
  return flow.finish()[0] ?? newPage();
}

/** Lays out one report and fits it to its printed page range. */
export function layoutReport(item: ItemSpec, spec: AgendaPackSpec, m: Measurer, prebuilt?: PrebuiltReports): Page[] {
  const report = item.report;
  if (!report) return [];
  let pages = prebuilt?.(item) ?? null;
  if (pages === null) {
    const flow = new Flow(m, { blankText: spec.blankText });
    flow.blocks(report.blocks);
    pages = flow.finish();
  }
  if (report.pages !== null) {
    if (pages.length > report.pages) pages = pages.slice(0, report.pages);
    while (pages.length < report.pages) pages.push(blankPage(spec.blankText, m));
  }
  const first = pages[0];
  if (first) stampTopRight(first, `${spec.stampLabel} ${item.number}`, m);
  return pages;
}

function subjectCell(item: ItemSpec): Run[][] {
  const cell: Run[][] = [[{ text: item.title, bold: true }]];
  if (item.boilerplate) cell.push([{ text: item.boilerplate, bold: false }]);
  if (item.timingText) cell.push([{ text: item.timingText, bold: false }]);
  return cell;
}

export function layoutFrontSheet(spec: AgendaPackSpec, pageColumns: string[], m: Measurer): Page[] {
  const f = spec.front;
  const flow = new Flow(m, { blankText: spec.blankText });
  flow.heading(f.committee, 2, { keepLines: 1 });
  flow.paragraph([{ text: f.dateLine, bold: true }], { size: 12, after: 12 });
  flow.heading(f.membershipHeading, 4, { keepLines: 1 });
  flow.paragraph([{ text: `${f.councillorsLabel} `, bold: true }, { text: f.membersLine, bold: false }], { size: 10, after: 10 });
  flow.heading(f.agendaHeading, 3, { keepLines: 3 });
  const header = f.columns.map((c) => [[{ text: c, bold: true }]]);
  const rows = spec.items.map((item, i) => [
    [[{ text: String(item.number), bold: false }]],
    subjectCell(item),
    [[{ text: pageColumns[i] ?? '', bold: false }]],
  ]);
  flow.table({ columns: [11, 70, 15], rows: [header, ...rows], header: true, size: 10 });
  for (const p of f.afterTable) flow.paragraph([{ text: p, bold: false }], { size: 9, after: 6 });
  flow.paragraph([{ text: f.dateOfIssue, bold: true }], { size: 10, after: 8 });
  for (const note of f.notes ?? []) flow.paragraph([{ text: note, bold: false }], { size: 10 });
  return flow.finish();
}

/** Numbers the reports' pages on from `first`, in order; the printed range of each (null for none). */
export function numberReports(reports: readonly Page[][], first: number): Array<PageRange | null> {
  let printed = first;
  return reports.map((pages) => {
    if (pages.length === 0) return null;
    const range = { from: printed, to: printed + pages.length - 1 };
    pages.forEach((page, i) => (page.printed = range.from + i));
    printed = range.to + 1;
    return range;
  });
}

/** Supplies an item's report pages already laid out; null falls back to laying out its blocks. */
export type PrebuiltReports = (item: ItemSpec) => Page[] | null;

export function assembleAgendaPack(spec: AgendaPackSpec, m: Measurer, prebuilt?: PrebuiltReports): AssembledPack {
  const preliminary: Page[] = [];
  for (const draw of spec.preliminary) {
    const flow = new Flow(m, { blankText: spec.blankText });
    draw(flow);
    preliminary.push(...flow.finish());
  }

  const reports = spec.items.map((item) => layoutReport(item, spec, m, prebuilt));
  const printedRanges = numberReports(reports, 1);

  const pageColumns = spec.items.map((item, i) => {
    const range = printedRanges[i];
    return range ? formatRange(range) : item.pageColumnText ?? '';
  });
  const front = layoutFrontSheet(spec, pageColumns, m);
  const frontSheetPdfPages = { from: preliminary.length + 1, to: preliminary.length + front.length };

  const pages = [...preliminary, ...front];
  if (spec.duplex && pages.length % 2 === 1) pages.push(blankPage(spec.blankText, m));

  const items: SampleAgendaItem[] = spec.items.map((item, i) => {
    const reportPages = reports[i] ?? [];
    const printedPages = printedRanges[i] ?? null;
    const pdfPages = reportPages.length > 0 ? { from: pages.length + 1, to: pages.length + reportPages.length } : null;
    pages.push(...reportPages);
    const timing = item.timingText ? parseTiming(item.timingText) : null;
    if (item.timingText && !timing) throw new Error(`unparsable timing: ${item.timingText}`);
    return {
      number: item.number,
      title: item.title,
      pageColumn: pageColumns[i] ?? '',
      timingText: item.timingText ?? null,
      printedPages,
      pdfPages,
      timing,
      status: printedPages ? 'published' : item.status,
    };
  });
  return { pages, items, frontSheetPdfPages };
}

export function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Where a passage is printed. Passages chosen as ground truth must sit on exactly one page, so
 * anything else is a generator bug and fails loudly rather than producing a wrong manifest.
 */
export function locatePassage(pages: readonly Page[], passage: string): PassageLocation {
  const needle = normalise(passage);
  const hits: number[] = [];
  pages.forEach((page, i) => {
    if (pageText(page).includes(needle)) hits.push(i);
  });
  if (hits.length !== 1 || hits[0] === undefined) {
    throw new Error(`passage found on ${hits.length} pages, expected 1: "${needle.slice(0, 60)}…"`);
  }
  const index = hits[0];
  return { pdfPage: index + 1, printedPage: pages[index]?.printed ?? null };
}

export function passageAbsent(pages: readonly Page[], passage: string): boolean {
  const needle = normalise(passage);
  return pages.every((page) => !pageText(page).includes(needle));
}

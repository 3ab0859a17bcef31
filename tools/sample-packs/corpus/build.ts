/**
 * Typesets the layout corpus: each layout's reports are laid out first, so its front sheet can
 * print the pages they really occupy, and the ground truth is computed from the laid-out pages.
 */
import path from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { formatRange, numberReports } from '../assemble';
import { Flow, Measurer, type Page, renderPdf } from '../layout';
import { BLANK_PAGE_TEXT } from '../text';
import { corpusLayouts } from './layouts';
import type { CorpusItem, CorpusLayout, CorpusPack, CorpusTruthItem, ItemEntry } from './spec';

const REPORT_TEXT = [
  'This report is invented for the layout corpus. It asks the Committee to consider the matter set out below and to agree any comments it wishes to make.',
  'The recommendations take account of the views of the officers consulted, the financial implications and the council’s duties under the Equality Act 2010.',
  'Members are asked to note the background information in the appendices, which set out the options considered and the reasons for the recommended option.',
];

function reportPages(item: CorpusItem, m: Measurer): Page[] {
  const count = item.reportPages ?? 0;
  const flow = new Flow(m, { blankText: BLANK_PAGE_TEXT });
  for (let i = 0; i < count; i += 1) {
    if (i > 0) flow.breakPage();
    flow.heading(i === 0 ? item.title.toUpperCase() : `${item.title} (continued)`, 3);
    for (const text of REPORT_TEXT) flow.paragraph([{ text, bold: false }]);
  }
  return count > 0 ? flow.finish() : [];
}

/** Where the printed number of a truth item's pages falls in the PDF. */
function pdfPagesOf(range: { from: number; to: number }, printed: ReadonlyArray<number | null>): { from: number; to: number } | null {
  const inside = printed.flatMap((n, i) => (n !== null && n >= range.from && n <= range.to ? [i + 1] : []));
  const first = inside[0];
  const last = inside[inside.length - 1];
  return first !== undefined && last !== undefined ? { from: first, to: last } : null;
}

/** Bullets take their numbered row's number and their place under it: "6•1", "6•2". */
function truthNumbers(items: readonly CorpusItem[]): string[] {
  let parent = '';
  let bullets = 0;
  return items.map((item) => {
    if (item.number !== '') {
      // As the agenda prints it, less "Item" and a closing "." or ")" ("51." is 51, "6(i)" stays).
      parent = item.number.replace(/^item\s+/i, '').replace(/\.$|(?<=^\d+)\)$/, '');
      bullets = 0;
      return parent;
    }
    bullets += 1;
    return `${parent}•${bullets}`;
  });
}

export interface BuiltLayout {
  pages: Page[];
  truth: CorpusPack;
}

export function buildLayout(layout: CorpusLayout, m: Measurer): BuiltLayout {
  const reports = layout.items.map((item) => reportPages(item, m));
  const ranges = numberReports(reports, layout.firstPrinted ?? 1);
  const entries: ItemEntry[] = layout.items.map((item, i) => {
    const range = ranges[i];
    const pages = range ? (layout.pageEntry === 'start' ? String(range.from) : formatRange(range)) : item.statusText ?? '';
    return { item, pages };
  });

  const front: Page[] = [];
  if (layout.cover) {
    const flow = new Flow(m);
    layout.cover(flow);
    front.push(...flow.finish());
  }
  const sheet = new Flow(m);
  layout.front(sheet, entries);
  front.push(...sheet.finish());

  let body = reports.flat();
  if (layout.keepReportPages !== undefined) body = body.slice(0, layout.keepReportPages);
  const pages = [...front, ...body];
  const printed = pages.map((p) => p.printed);
  const lastPrinted = Math.max(0, ...printed.filter((n): n is number => n !== null));

  const numbers = truthNumbers(layout.items);
  const starts = ranges.flatMap((r, i) => (r ? [{ i, from: r.from }] : []));
  const items: CorpusTruthItem[] = layout.items.map((item, i) => {
    const range = ranges[i] ?? null;
    let printedPages = range;
    if (range && layout.pageEntry === 'start') {
      // The agenda says only where each item starts: it runs to the page before the next start.
      const following = starts.find((s) => s.i > i);
      printedPages = { from: range.from, to: following ? following.from - 1 : Math.max(range.from, lastPrinted) };
    }
    return {
      number: numbers[i] ?? '',
      title: item.title,
      printedPages,
      pdfPages: printedPages ? pdfPagesOf(printedPages, printed) : null,
      timing: item.timing ?? null,
      status: range ? 'published' : item.status ?? 'none',
    };
  });

  return {
    pages,
    truth: {
      id: layout.id,
      file: `corpus-${layout.id}.pdf`,
      description: layout.description,
      language: layout.language,
      pageCount: pages.length,
      printedPageNumbers: printed,
      meeting: layout.meeting,
      items,
    },
  };
}

/** Typesets one layout into `file` and returns its ground truth. */
export async function writeLayoutPdf(layout: CorpusLayout, file: string, m: Measurer = new Measurer()): Promise<CorpusPack> {
  const { pages, truth } = buildLayout(layout, m);
  await renderPdf(pages, {
    file,
    title: `${truth.meeting.committee} - ${truth.meeting.date}`,
    subject: truth.description,
    author: 'Chamber layout corpus (invented councils and people)',
    lang: truth.language,
    date: new Date(`${truth.meeting.date}T09:00:00Z`),
    footerLabel: 'Page',
    footer: layout.footer,
  });
  return truth;
}

/** Writes every corpus PDF and `corpus.json` (the ground truth) into `outDir`. */
export async function generateLayoutCorpus(outDir: string): Promise<CorpusPack[]> {
  const m = new Measurer();
  await mkdir(outDir, { recursive: true });
  const truths: CorpusPack[] = [];
  for (const layout of corpusLayouts(m)) truths.push(await writeLayoutPdf(layout, path.join(outDir, `corpus-${layout.id}.pdf`), m));
  await writeFile(path.join(outDir, 'corpus.json'), `${JSON.stringify(truths, null, 2)}\n`);
  return truths;
}

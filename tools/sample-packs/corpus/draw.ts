/** Small front-sheet pieces the corpus layouts are set from, on top of the sample-pack typesetter. */
import { type Cell, type Flow, MARGIN_RIGHT, type Measurer, PAGE_WIDTH, type TextOp } from '../layout';
import type { Run } from '../text';
import type { ItemEntry } from './spec';

export function text(flow: Flow, value: string, options: { bold?: boolean; size?: number; after?: number; align?: 'left' | 'centre' } = {}): void {
  flow.paragraph([{ text: value, bold: options.bold ?? false }], { size: options.size ?? 11, after: options.after ?? 4, align: options.align });
}

/** "Date: Tuesday, 14 March 2023" with the label in bold. */
export function labelled(flow: Flow, label: string, value: string, size = 11): void {
  flow.paragraph([{ text: `${label} `, bold: true }, { text: value, bold: false }], { size, after: 3 });
}

/** Text set against the right margin on the first line of what `draw` writes ("(Pages 5 - 12)"). */
export function withAside(flow: Flow, m: Measurer, aside: string, size: number, draw: () => void): void {
  const pages = flow.pages.length;
  const before = flow.current.ops.length;
  draw();
  if (aside.length === 0) return;
  const page = flow.current;
  const first = (flow.pages.length === pages ? page.ops.slice(before) : page.ops).find((op): op is TextOp => op.t === 'text');
  if (!first) return;
  const w = m.width(aside, 'Helvetica', size);
  page.ops.push({ t: 'text', x: PAGE_WIDTH - MARGIN_RIGHT - w, y: first.y, text: aside, font: 'Helvetica', size, eol: true });
}

export interface TableOptions {
  columns: [string, string, string];
  /** Status words printed under the title, not in the page column. */
  statusUnderTitle?: boolean;
  /** Item numbers as printed ("1.", "Item 1"); the number itself when omitted. */
  numberText?: (number: string) => string;
  size?: number;
}

function subjectCell(entry: ItemEntry, options: TableOptions): Cell {
  const { item } = entry;
  const title = item.printedTitle ?? item.title;
  const cell: Run[][] = [[{ text: entry.item.number === '' ? `• ${title}` : title, bold: true }]];
  if (item.description) cell.push([{ text: item.description, bold: false }]);
  if (item.timingText) cell.push([{ text: item.timingText, bold: false }]);
  if (options.statusUnderTitle && item.statusText && item.reportPages === undefined) cell.push([{ text: item.statusText, bold: false }]);
  return cell;
}

/** A ruled agenda table: number, subject (title in bold), page entry. */
export function agendaTable(flow: Flow, entries: readonly ItemEntry[], options: TableOptions): void {
  const header = options.columns.map((c) => [[{ text: c, bold: true }]]);
  const rows = entries.map((entry) => {
    const under = options.statusUnderTitle === true && entry.item.reportPages === undefined;
    const number = entry.item.number === '' ? '' : (options.numberText ?? ((n: string) => n))(entry.item.number);
    return [[[{ text: number, bold: false }]], subjectCell(entry, options), [[{ text: under ? '' : entry.pages, bold: false }]]];
  });
  flow.table({ columns: [11, 70, 15], rows: [header, ...rows], header: true, size: options.size ?? 10 });
}

/**
 * Items as numbered headings with what each is for under it and the pages at the right margin,
 * as Modern.gov's text agendas and CMIS print them: "3.  MINUTES        (Pages 1 - 6)".
 */
export function numberedList(
  flow: Flow,
  m: Measurer,
  entries: readonly ItemEntry[],
  options: { pages: (entry: ItemEntry) => string; numberText?: (number: string) => string },
): void {
  for (const entry of entries) {
    const { item } = entry;
    const title = item.printedTitle ?? item.title;
    withAside(flow, m, options.pages(entry), 11, () => {
      flow.paragraph([{ text: title, bold: true }], { number: (options.numberText ?? ((n: string) => `${n}.`))(item.number), size: 11, after: 3 });
    });
    if (item.description) flow.paragraph([{ text: item.description, bold: false }], { size: 10, indent: 28, after: 8 });
    else flow.space(6);
  }
}

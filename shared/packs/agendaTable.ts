/**
 * The agenda table on the front sheet: where it is, its rows (number, subject, page entry) over
 * wrapped lines and page breaks, and each row turned into an item with its title, timing, printed
 * pages and status.
 */
import type { PackItem } from '../domain/pack';
import { type Found, type Line, clean, joinWrapped, tidyTitle } from './lines';
import { ITEM_NUMBER_RE, type RowStart, bulletStart, rowStart } from './itemNumbers';
import type { PackText } from './packText';
import { DIGITS_ONLY_RE, isNoise } from './pageFooters';
import { TRAILING_PAGES_RE, isPageColumnPrefix, isPageColumnText, readPageColumn, statusLine } from './statusWords';
import { type Timing, findTiming } from './times';
import { stripFootnoteMarker } from './footnotes';

const HEADER_SUBJECT_RE = /\b(subject|title|business|description|report|pwnc|teitl|busnes)\b/i;
const HEADER_OTHER_RE = /\b(item|items|eitem|rhif|no|number|page|pages|tudalen|dudalen)\b/i;

export function isHeader(line: Line): boolean {
  if (line.text.length > 80) return false;
  if (/^\d/.test(line.text)) return false;
  return HEADER_SUBJECT_RE.test(line.text) && HEADER_OTHER_RE.test(line.text);
}

const END_OF_TABLE_RE =
  /^(agenda (produced|published|issued)|date of (issue|publication)|dyddiad cyhoeddi|cyhoeddwyd yr agenda|all the above reports|this page is intentionally left blank|mae['’]r dudalen hon)/i;

interface SubjectLine {
  text: string;
  bold: boolean | undefined;
}

export interface RawRow {
  number: string;
  key: number;
  x: number | undefined;
  subject: SubjectLine[];
  page: string;
}

/** Phrases that open the boilerplate paragraph printed under some titles. */
const BOILERPLATE_RE =
  /\s+(?=(members of the public|any member of the public|a member of the public|the public (are|may)|dylai aelodau o['’]r cyhoedd|aelodau o['’]r cyhoedd)\b)/i;

function startRow(start: RowStart, line: Line, hasPageColumn: boolean): RawRow {
  const rest = start.rest.slice();
  let page = '';
  if (rest.length >= 2 && isPageColumnText(rest[rest.length - 1] ?? '')) {
    page = rest.pop() ?? '';
  } else if (rest.length === 1 && hasPageColumn) {
    // The page column ran into the subject (no visible gap): "… information 1 - 7".
    const m = TRAILING_PAGES_RE.exec(rest[0] ?? '');
    if (m && readPageColumn(m[2] ?? '')?.unreadable !== true) {
      rest[0] = m[1] ?? '';
      page = m[2] ?? '';
    }
  }
  return { number: start.number, key: start.key, x: line.x, subject: [{ text: rest.join(' '), bold: line.bold }], page };
}

function continueRow(row: RawRow, line: Line): void {
  const cells = line.cells;
  const last = cells[cells.length - 1] ?? '';
  const pageOpen = row.page.length === 0 || isPageColumnPrefix(row.page);
  if (cells.length >= 2 && pageOpen && isPageColumnText(row.page.length > 0 ? `${row.page} ${last}` : last)) {
    row.page = clean(`${row.page} ${last}`);
    row.subject.push({ text: cells.slice(0, -1).join(' '), bold: line.bold });
    return;
  }
  if (cells.length === 1 && row.page.length > 0 && isPageColumnPrefix(row.page) && isPageColumnText(`${row.page} ${last}`)) {
    row.page = clean(`${row.page} ${last}`);
    return;
  }
  // "To follow" or "Previously circulated" on a line of its own under the title is the row's status.
  if (cells.length === 1 && row.page.length === 0 && statusLine(line.text)) {
    row.page = line.text;
    return;
  }
  row.subject.push({ text: line.text, bold: line.bold });
}

function removeTiming(text: string, found: Found<Timing>): string {
  let start = found.start;
  let end = found.end;
  const open = text.lastIndexOf('(', start);
  const close = text.indexOf(')', end);
  if (open >= 0 && start - open <= 40 && !text.slice(open + 1, start).includes(')') && close >= 0 && close - end <= 3) {
    start = open;
    end = close + 1;
  } else {
    const label = /(indicative\s+timings?|approximate\s+timings?|timings?|amseriad\s+dangosol|amser)\s*:?\s*$/i.exec(text.slice(0, start));
    if (label) start = label.index;
  }
  return clean(`${text.slice(0, start)} ${text.slice(end)}`);
}

/** A timing label left without its times (they wrapped away or were unreadable). */
const TIMING_LABEL_RE = /\(?\s*\b(indicative\s+timings?|approximate\s+timings?|amseriad\s+dangosol)\s*:?\s*\)?/gi;

export function finishRow(row: RawRow, tableUsesBold: boolean): PackItem | null {
  const subject = row.subject.filter((s) => s.text.length > 0);
  const all = joinWrapped(subject.map((s) => s.text));
  const timing = findTiming(all);

  // Where the table sets titles in bold, the boilerplate and timing under them are not: the title is
  // the row's first line and the bold lines straight after it. (The first line's own flag is not
  // used: its item number and page entry may outweigh a short bold title.)
  let titleLines = subject;
  if (tableUsesBold) {
    const end = subject.findIndex((s, i) => i > 0 && s.bold === false);
    if (end > 0) titleLines = subject.slice(0, end);
  }
  let title = joinWrapped(titleLines.map((s) => s.text));
  const inTitle = findTiming(title);
  if (inTitle) title = removeTiming(title, inTitle);
  title = title.replace(TIMING_LABEL_RE, ' ');
  const boiler = BOILERPLATE_RE.exec(title);
  if (boiler && boiler.index > 0) title = title.slice(0, boiler.index);
  title = stripFootnoteMarker(tidyTitle(title));
  if (title.length === 0) title = stripFootnoteMarker(tidyTitle((timing ? removeTiming(all, timing) : all).replace(TIMING_LABEL_RE, ' ')));
  if (title.length === 0) return null;

  const column = readPageColumn(row.page);
  return {
    number: row.number,
    title,
    printedPages: column?.printedPages ?? null,
    pdfPages: null,
    timing: timing?.value ?? null,
    status: column?.status ?? 'none',
  };
}

export interface TableLocation {
  page: number;
  line: number;
}

/** The front sheet: the first page (before the reports) whose lines hold an agenda table. */
export function findTable(pages: PackText, firstFooterPage: number): TableLocation | null {
  const limit = Math.min(pages.count, Math.max(firstFooterPage + 1, 1), 30);
  // First choice: a table header followed by a row.
  for (let p = 0; p < limit; p += 1) {
    const lines = pages.page(p);
    for (let i = 0; i < lines.length; i += 1) {
      const line = lines[i];
      if (!line || !isHeader(line)) continue;
      for (let j = i + 1; j < Math.min(lines.length, i + 4); j += 1) {
        const next = lines[j];
        if (next && rowStart(next, 0, false)) return { page: p, line: i };
      }
    }
  }
  // Otherwise two consecutive numbered rows in table cells ("1 | Apologies", "2 | Declarations") or
  // bold numbered headings ("1. APOLOGIES"); minute numbers ("51.", "52.") only where the second
  // follows the first.
  const rowLike = (l: Line | undefined): l is Line => l !== undefined && (l.cells.length >= 2 || l.bold === true);
  for (let p = 0; p < Math.min(limit, 10); p += 1) {
    const lines = pages.page(p);
    for (let i = 0; i < lines.length; i += 1) {
      const line = lines[i];
      if (!rowLike(line)) continue;
      const a = rowStart(line, 0, false);
      if (!a) continue;
      for (let j = i + 1; j < Math.min(lines.length, i + 25); j += 1) {
        const next = lines[j];
        if (!rowLike(next)) continue;
        const b = rowStart(next, a.key, true);
        if (b && (a.key <= 300 || Math.floor(b.key / 100) === Math.floor(a.key / 100) + 1)) return { page: p, line: i };
        if (ITEM_NUMBER_RE.test(next.cells[0] ?? '')) break;
      }
    }
  }
  return null;
}

export interface TableResult {
  rows: RawRow[];
  /** Where the table starts and the page it ends on. */
  start: TableLocation;
  hasPageColumn: boolean;
}

/** A row the agenda does not number, under the numbered row it follows: "4•1", "4•2"; before any, "•1". */
function unnumberedRow(rest: string[], parent: RawRow | null, line: Line, hasPageColumn: boolean, ordinal: number): RawRow {
  const row = startRow({ number: `${parent?.number ?? ''}•${ordinal}`, key: parent?.key ?? 0, rest }, line, hasPageColumn);
  // Continuation lines are measured against the numbered rows' margin, not the bullet's indent.
  row.x = parent?.x ?? line.x;
  return row;
}

export function readTable(pages: PackText, start: TableLocation): TableResult {
  const rows: RawRow[] = [];
  let current: RawRow | null = null;
  let parent: RawRow | null = null;
  let bullets = 0;
  let lastKey = 0;
  let hasPageColumn = false;
  let ended = false;
  for (let p = start.page; p < pages.count && !ended; p += 1) {
    const lines = pages.page(p);
    let i = p === start.page ? start.line : 0;
    if (p !== start.page) {
      // The table carries on over a page break only if the next page opens with a header or the next row.
      const opening = lines.find((l) => !isNoise(l));
      if (!opening || !(isHeader(opening) || rowStart(opening, lastKey, true) || (parent && bulletStart(opening)))) break;
      i = 0;
    }
    for (; i < lines.length; i += 1) {
      const line = lines[i];
      if (!line) continue;
      if (END_OF_TABLE_RE.test(line.text)) {
        ended = true;
        break;
      }
      if (isNoise(line) && !(current && DIGITS_ONLY_RE.test(line.text) && isPageColumnPrefix(current.page))) continue;
      if (isHeader(line) && (current === null || line.cells.length >= 2)) {
        if (/\b(page|pages|tudalen|dudalen)\b/i.test(line.text) || line.cells.length >= 3) hasPageColumn = true;
        continue;
      }
      const start = rowStart(line, lastKey, rows.length > 0);
      if (start) {
        current = startRow(start, line, hasPageColumn);
        parent = current;
        bullets = 0;
        rows.push(current);
        lastKey = start.key;
        continue;
      }
      if (current === null) continue; // A wrapped header line ("Eitem | Dudalen") before the first row.
      const bullet = bulletStart(line);
      if (bullet) {
        bullets += 1;
        current = unnumberedRow(bullet, parent, line, hasPageColumn, bullets);
        rows.push(current);
        continue;
      }
      // Text back at the left margin, left of the item numbers, is past the table.
      if (line.x !== undefined && current.x !== undefined && line.x < current.x - 2) {
        ended = true;
        break;
      }
      continueRow(current, line);
    }
  }
  return { rows, start, hasPageColumn };
}

/**
 * Reads the structure of a UK council agenda pack from its extracted text lines: the meeting on
 * the front sheet (committee, date, time, venue, membership), the agenda table (item number,
 * subject, printed pages, indicative timing, status) and the printed page numbers that tie each
 * item to its PDF pages. Where there is no agenda table, report headings at the top of pages stand
 * in for items. Anything that cannot be read is said in `warnings` rather than guessed.
 *
 * Each layout rule lives in its own module beside this one; this file only puts them together.
 * Pure: no Node, DOM or Electron. Never throws on odd input; linear in the number of lines.
 */
import type { PackItem, PackMeeting, PackStructure, StructureWarning } from '../domain/pack';
import { findTable, finishRow, isHeader, readTable } from './agendaTable';
import { readMeeting } from './frontSheet';
import { headingItems } from './headings';
import type { Line, StructurePage } from './lines';
import { findMembers } from './membership';
import { PackText } from './packText';
import { agendaItemStamps, printedPageNumbers } from './pageFooters';
import { extendStartPages, givesStartPagesOnly, interpolate, pdfPagesFor, stampPages } from './pageRanges';
import { readPageColumn } from './statusWords';

export type { StructureLine, StructurePage } from './lines';
export { parseMembers } from './membership';
export { parseTiming, type Timing } from './times';

function ranges(pageNumbers: readonly number[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < pageNumbers.length) {
    let j = i;
    while (j + 1 < pageNumbers.length && (pageNumbers[j + 1] ?? 0) === (pageNumbers[j] ?? 0) + 1) j += 1;
    out.push(i === j ? String(pageNumbers[i]) : `${pageNumbers[i]}-${pageNumbers[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

const emptyMeeting = (): PackMeeting => ({ committee: null, date: null, startTime: null, venue: null, members: [] });

/** The meeting: the front sheet above the table first, then the pages before it (a cover). */
function meetingFrom(blocks: readonly Line[][]): PackMeeting {
  const meeting = emptyMeeting();
  for (const block of blocks) {
    const found = readMeeting(block);
    meeting.committee ??= found.committee;
    if (meeting.date === null && found.date !== null) {
      meeting.date = found.date;
      meeting.startTime ??= found.startTime;
      meeting.venue ??= found.venue;
    }
    meeting.venue ??= found.venue;
    meeting.startTime ??= found.startTime;
    if (meeting.members.length === 0) meeting.members = findMembers(block, isHeader);
  }
  return meeting;
}

/** Which meeting fields could not be read, each said once. */
function meetingWarnings(meeting: PackMeeting, where: string): StructureWarning[] {
  const warnings: StructureWarning[] = [];
  if (meeting.committee === null) warnings.push({ code: 'COMMITTEE_NOT_FOUND', detail: `The committee could not be read ${where}` });
  if (meeting.date === null) warnings.push({ code: 'MEETING_DATE_NOT_FOUND', detail: `The meeting date could not be read ${where}` });
  if (meeting.startTime === null) warnings.push({ code: 'MEETING_TIME_NOT_FOUND', detail: `The start time could not be read ${where}` });
  if (meeting.venue === null) warnings.push({ code: 'VENUE_NOT_FOUND', detail: `The venue could not be read ${where}` });
  if (meeting.members.length === 0) warnings.push({ code: 'MEMBERS_NOT_FOUND', detail: `The membership could not be read ${where}` });
  return warnings;
}

/** Reads meeting, agenda items and printed page numbers from a pack's extracted lines. */
export function parsePackStructure(pages: ReadonlyArray<StructurePage>): PackStructure {
  const text = new PackText(pages);
  const warnings: StructureWarning[] = [];
  const printed = printedPageNumbers(text);
  const empty: number[] = [];
  for (let p = 0; p < text.count; p += 1) if (!text.hasText(p)) empty.push(p + 1);

  if (text.count > 0 && empty.length === text.count) {
    return {
      meeting: emptyMeeting(),
      items: [],
      printedPageNumbers: printed,
      source: 'none',
      warnings: [{ code: 'NO_TEXT_LAYER', detail: 'No page has a text layer (a scanned document?); nothing could be read' }],
    };
  }
  if (empty.length > 0) warnings.push({ code: 'PAGES_WITHOUT_TEXT', detail: `No text on PDF page${empty.length > 1 ? 's' : ''} ${ranges(empty)}` });

  const firstFooter = printed.findIndex((n) => n !== null);
  const location = findTable(text, firstFooter < 0 ? text.count : firstFooter);
  const table = location ? readTable(text, location) : null;
  const rows = table?.rows ?? [];
  const tableUsesBold = rows.some((r) => r.subject.some((s) => s.bold === true));
  let items = rows.map((r) => finishRow(r, tableUsesBold)).filter((item): item is PackItem => item !== null);
  let source: PackStructure['source'] = 'agenda-table';

  const searchOrder: Line[][] = [];
  if (location) {
    searchOrder.push(text.page(location.page).slice(0, location.line));
    for (let p = 0; p < location.page; p += 1) searchOrder.push(text.page(p));
  } else {
    for (let p = 0; p < Math.min(text.count, 3); p += 1) searchOrder.push(text.page(p));
  }
  const meeting = meetingFrom(searchOrder);

  if (items.length === 0) {
    warnings.push({ code: 'NO_AGENDA_TABLE', detail: location ? 'The agenda table has no readable rows' : 'No agenda table was found on the front sheet' });
    items = headingItems(text, printed);
    source = items.length > 0 ? 'headings' : 'none';
  } else {
    if (givesStartPagesOnly(items)) extendStartPages(items, printed);
    warnings.push(...mapItemPages(text, items, printed));
    for (const row of rows) {
      const column = readPageColumn(row.page);
      if (column?.unreadable) {
        warnings.push({ code: 'ITEM_PAGES_NOT_FOUND', detail: `Item ${row.number}: the page entry "${row.page}" could not be read`, item: row.number });
      }
    }
  }

  warnings.push(...meetingWarnings(meeting, location ? 'from the front sheet' : '(no front sheet)'));
  return { meeting, items, printedPageNumbers: printed, source, warnings };
}

/** Sets each item's PDF pages from its printed pages; says which could not be found. */
function mapItemPages(text: PackText, items: PackItem[], printed: ReadonlyArray<number | null>): StructureWarning[] {
  const warnings: StructureWarning[] = [];
  const withPages = items.filter((i) => i.printedPages !== null);
  const numbers = interpolate(printed);
  const noFooters = printed.every((n) => n === null);
  const stamps = noFooters ? agendaItemStamps(text) : [];
  if (withPages.length > 0 && noFooters) {
    warnings.push({
      code: 'NO_PAGE_FOOTERS',
      detail: stamps.some((s) => s !== null)
        ? 'No page carries a printed page number; item pages were located from the "Agenda Item" stamps'
        : 'No page carries a printed page number, so printed page ranges cannot be matched to PDF pages',
    });
  }
  for (const item of withPages) {
    if (!item.printedPages) continue;
    item.pdfPages = noFooters ? stampPages(item.number, stamps) : pdfPagesFor(item.printedPages, numbers);
    if (!item.pdfPages) {
      warnings.push({ code: 'ITEM_PAGES_NOT_FOUND', detail: `Printed pages ${item.printedPages.from}-${item.printedPages.to} of item ${item.number} are not in this PDF`, item: item.number });
    }
  }
  return warnings;
}

/**
 * What an agenda prints where an item's pages would go: a printed range ("1 - 18", "Pages 5 - 12",
 * "(Pages 5 - 12)", a start page "12"), or a status word ("To follow", "Previously circulated",
 * "Verbal"), in English and Welsh, whether in the page column or on a line of its own.
 */
import type { ItemStatus, PageRange } from '../domain/pack';
import { clean } from './lines';

export interface PageColumn {
  status: ItemStatus;
  printedPages: PageRange | null;
  /** A range whose end comes before its start, or some other unreadable page entry. */
  unreadable?: boolean;
}

const TO_FOLLOW = ['to follow', 'i ddilyn', 'to be tabled', 'i’w gyflwyno', "i'w gyflwyno", 'report to follow', 'adroddiad i ddilyn'];
const PREVIOUSLY = ['previously circulated', 'circulated previously', 'already circulated', 'dosbarthwyd eisoes', 'dosbarthwyd yn flaenorol', "wedi'i ddosbarthu eisoes", 'wedi’i ddosbarthu eisoes'];
const NO_PAPER = ['verbal', 'verbal report', 'verbal update', 'oral report', 'oral update', 'presentation', 'llafar', 'adroddiad llafar', 'cyflwyniad'];
const PAGE_RANGE_RE = /^(?:(?:pages?|pp?\.?|tudalen(?:nau)?)\s*)?(\d{1,5})(?:\s*[-–—‒]\s*(\d{1,5}))?$/i;

export function readPageColumn(raw: string): PageColumn | null {
  const text = clean(raw).toLowerCase().replace(/^\((.*)\)$/, '$1').replace(/[.:]$/, '');
  if (text.length === 0) return null;
  if (TO_FOLLOW.includes(text)) return { status: 'to-follow', printedPages: null };
  if (PREVIOUSLY.includes(text)) return { status: 'previously-circulated', printedPages: null };
  if (NO_PAPER.includes(text)) return { status: 'none', printedPages: null };
  const m = PAGE_RANGE_RE.exec(text);
  if (m) {
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from < 1 || to < from) return { status: 'none', printedPages: null, unreadable: true };
    return { status: 'published', printedPages: { from, to } };
  }
  return null;
}

/** A status word standing alone on a line (a wrapped subject's last line, or the page column's). */
export function statusLine(raw: string): ItemStatus | null {
  const column = readPageColumn(raw);
  return column && column.printedPages === null && column.unreadable !== true && column.status !== 'none' ? column.status : null;
}

/** Could `text` be the start of a page-column entry that wraps onto the next line ("Previously", "1 -")? */
export function isPageColumnPrefix(raw: string): boolean {
  const text = clean(raw).toLowerCase();
  if (text.length === 0) return false;
  if (/^\d{1,5}\s*[-–—‒]$/.test(text) || /^(pages?|pp?\.?)$/.test(text)) return true;
  return [...TO_FOLLOW, ...PREVIOUSLY, ...NO_PAPER].some((p) => p.length > text.length && p.startsWith(`${text} `));
}

export function isPageColumnText(raw: string): boolean {
  return readPageColumn(raw) !== null || isPageColumnPrefix(raw);
}

/** A page entry run into the end of the subject: "… information 1 - 7", "… Minutes (Pages 1 - 6)", "… To follow". */
export const TRAILING_PAGES_RE =
  /^(.*\p{L}.*?)\s+((?:\d{1,5}\s*[-–—‒]\s*\d{1,5})|\((?:pages?|page)\s+\d{1,5}(?:\s*[-–—‒]\s*\d{1,5})?\)|to follow|previously circulated|i ddilyn)$/iu;

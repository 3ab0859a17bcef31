/**
 * Reads the structure of a UK council agenda pack from its extracted text lines: the meeting on
 * the front sheet (committee, date, time, venue, membership), the agenda table (item number,
 * subject, printed page range, indicative timing) and the printed "Page N" footers that tie each
 * item to its PDF pages. Where there is no agenda table, report headings at the top of pages stand
 * in for items. Anything that cannot be read is said in `warnings` rather than guessed.
 *
 * Pure: no Node, DOM or Electron. Never throws on odd input; linear in the number of lines.
 */
import type { ItemStatus, PackItem, PackMeeting, PackMember, PackStructure, PageRange, StructureWarning } from '../domain/pack';

/**
 * One line of page text. `cells` is the line split where the gap between text runs is wide (table
 * columns). The geometry fields are optional hints (the extractor supplies them; hand-made lines
 * need not): x and y in PDF points from the page's left and top edges, height of the line.
 */
export interface StructureLine {
  readonly text: string;
  readonly cells: readonly string[];
  readonly bold?: boolean;
  readonly x?: number;
  readonly y?: number;
  readonly height?: number;
}

export interface StructurePage {
  /** 0-based PDF page index. */
  readonly index: number;
  readonly lines: readonly StructureLine[];
}

/* ------------------------------------------------------------------------------------------- */
/* Text helpers                                                                                 */
/* ------------------------------------------------------------------------------------------- */

function clean(text: unknown): string {
  if (typeof text !== 'string') return '';
  return text.replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\t]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A line as the parser sees it: cleaned text and cells, never undefined. */
interface Line {
  text: string;
  cells: string[];
  bold: boolean | undefined;
  x: number | undefined;
  y: number | undefined;
  height: number | undefined;
}

function finite(n: unknown): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function toLine(raw: unknown): Line | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Partial<Record<keyof StructureLine, unknown>>;
  const rawCells = Array.isArray(r.cells) ? (r.cells as unknown[]) : [];
  const cells = rawCells.map(clean).filter((c) => c.length > 0);
  let text = clean(r.text);
  if (text.length === 0) text = cells.join(' ');
  if (text.length === 0) return null;
  return {
    text,
    cells: cells.length > 0 ? cells : [text],
    bold: typeof r.bold === 'boolean' ? r.bold : undefined,
    x: finite(r.x),
    y: finite(r.y),
    height: finite(r.height),
  };
}

/** Joins wrapped pieces of one sentence: "Sub-" + "Committee" stays hyphenated without a space. */
function joinWrapped(parts: readonly string[]): string {
  let out = '';
  for (const part of parts) {
    if (part.length === 0) continue;
    if (out.length === 0) out = part;
    else if (/\p{L}-$/u.test(out) && /^\p{L}/u.test(part)) out += part;
    else out += ` ${part}`;
  }
  return clean(out);
}

/** am / pm, also Welsh y.b. (bore) and y.p. / y.h. (prynhawn, hwyr). */
const SUFFIX = String.raw`a\.m\.?|p\.m\.?|am|pm|y\.b\.?|y\.p\.?|y\.h\.?|yb|yp|yh`;

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  // Welsh, with the soft-mutated forms that follow a number or "o".
  ionawr: 1, chwefror: 2, mawrth: 3, ebrill: 4, mai: 5, mehefin: 6, gorffennaf: 7, awst: 8, medi: 9, hydref: 10, tachwedd: 11, rhagfyr: 12,
  fehefin: 6, orffennaf: 7, fai: 5, fawrth: 3,
};
const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const DATE_RE = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th|af|ain|ydd|fed|ed)?\s+(${MONTH_NAMES})\.?,?\s+(\d{4})\b`, 'i');
const NUMERIC_DATE_RE = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/;
const WEEKDAY = String.raw`monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|dydd\s+\p{L}+|nos\s+\p{L}+`;
/** What may come before the meeting date on its line: a label, a weekday, a start time. */
const DATE_LEAD_RE = new RegExp(
  String.raw`^\s*((date|dyddiad|when|pryd)\s*:?\s*)?(((on|ar)\s+)?(${WEEKDAY})\.?,?\s*)?((at\s+)?\d{1,2}([.:]\d{2})?\s*(${SUFFIX})?\s*(on|,)?\s*)?$`,
  'iu',
);
/** A committee name and then the weekday on the date's line: "… Scrutiny Panel Monday, 17 January 2022". */
const COMMITTEE_LEAD_RE = new RegExp(String.raw`^(.*\S)\s*[,–—-]?\s+(?:${WEEKDAY}),?\s*$`, 'iu');
/** Lines that carry a date which is not the meeting's. */
const NOT_MEETING_DATE_RE = /\b(date of (issue|publication)|issued|published|dyddiad cyhoeddi|cyhoeddwyd|in this case|yn yr achos hwn|no later than|erbyn)\b/i;

function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface Found<T> {
  value: T;
  start: number;
  end: number;
}

function findDate(text: string): Found<string> | null {
  const m = DATE_RE.exec(text);
  if (m) {
    const value = isoDate(Number(m[3]), MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[1]));
    if (value) return { value, start: m.index, end: m.index + m[0].length };
  }
  if (/\b(date|dyddiad)\s*:/i.test(text)) {
    const n = NUMERIC_DATE_RE.exec(text);
    if (n) {
      const value = isoDate(Number(n[3]), Number(n[2]), Number(n[1]));
      if (value) return { value, start: n.index, end: n.index + n[0].length };
    }
  }
  return null;
}

const AM = new Set(['am', 'a.m', 'a.m.', 'y.b', 'y.b.', 'yb']);
const PM = new Set(['pm', 'p.m', 'p.m.', 'y.p', 'y.p.', 'yp', 'y.h', 'y.h.', 'yh']);

function hhmm(hours: number, minutes: number): string | null {
  if (!Number.isInteger(hours) || !Number.isInteger(minutes) || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function suffixKind(raw: string | undefined): 'am' | 'pm' | 'noon' | null {
  if (!raw) return null;
  const s = raw.toLowerCase();
  if (s === 'noon' || s === 'midday' || s === 'hanner dydd') return 'noon';
  if (AM.has(s)) return 'am';
  if (PM.has(s)) return 'pm';
  return null;
}

function to24(hours: number, kind: 'am' | 'pm' | 'noon' | null): number {
  if (kind === 'pm' && hours < 12) return hours + 12;
  if (kind === 'am' && hours === 12) return 0;
  return hours;
}

/** The meeting's start time: "10.00 am", "2.00 pm", "14:00", "12 noon", "10.00 y.b.". */
const START_TIME_RE = new RegExp(
  String.raw`(?<![\d.:/])(\d{1,2})(?:[.:](\d{2}))?\s*(${SUFFIX}|noon|midday)(?![\p{L}])|(?<![\d.:/])([01]?\d|2[0-3]):([0-5]\d)(?![\d])|\b(noon|midday|hanner dydd)\b`,
  'iu',
);

function findStartTime(text: string): Found<string> | null {
  const m = START_TIME_RE.exec(text);
  if (!m) return null;
  let value: string | null = null;
  if (m[1] !== undefined) {
    const kind = suffixKind(m[3]);
    const hours = Number(m[1]);
    if (hours >= 1 && hours <= 12) value = kind === 'noon' ? hhmm(12, Number(m[2] ?? 0)) : hhmm(to24(hours, kind), Number(m[2] ?? 0));
  } else if (m[4] !== undefined) {
    value = hhmm(Number(m[4]), Number(m[5]));
  } else {
    value = '12:00';
  }
  return value ? { value, start: m.index, end: m.index + m[0].length } : null;
}

/** An indicative timing: "10:05 – 10:50am", "10.05am – 10.15am", "11:30 – 12:10pm", "10am - 11am". */
const TIME_PART = String.raw`(\d{1,2})(?:[:.](\d{2}))?\s*(${SUFFIX}|noon)?`;
const TIMING_RE = new RegExp(String.raw`(?<![\d.:/])${TIME_PART}\s*(?:[-–—‒]|\bto\b|\btan\b|\bi\b)\s*${TIME_PART}(?![\d\p{L}])`, 'giu');

export interface Timing {
  from: string;
  to: string;
}

/** Converts the first indicative timing in `text` to 24-hour times; null when there is none. */
export function parseTiming(text: string): Timing | null {
  return findTiming(text)?.value ?? null;
}

function findTiming(text: string): Found<Timing> | null {
  TIMING_RE.lastIndex = 0;
  for (let m = TIMING_RE.exec(text); m !== null; m = TIMING_RE.exec(text)) {
    const [, h1s, m1s, s1, h2s, m2s, s2] = m;
    const k1 = suffixKind(s1);
    const k2 = suffixKind(s2);
    // A bare "1 - 18" is a page range; a timing has minutes or an am/pm on at least one side.
    const hasMinutes = m1s !== undefined || m2s !== undefined;
    if (!hasMinutes && k1 === null && k2 === null) continue;
    // "5 - 10:30" is more likely a reference than a timing, unless the end says am or pm.
    if (m1s === undefined && k1 === null && m2s !== undefined && k2 === null) continue;
    const h1 = Number(h1s);
    const h2 = Number(h2s);
    const min1 = Number(m1s ?? 0);
    const min2 = Number(m2s ?? 0);
    const twelveHour = k1 !== null || k2 !== null;
    if (twelveHour && (h1 > 12 || h2 > 12 || (k1 !== null && h1 === 0) || (k2 !== null && h2 === 0))) continue;
    let end: number;
    let start: number;
    if (k2 === 'noon') end = 12;
    else if (k2 !== null) end = to24(h2, k2);
    else if (k1 !== null) end = to24(h2, k1 === 'noon' ? 'pm' : k1);
    else end = h2 <= 7 ? h2 + 12 : h2; // Council meetings do not sit between 1 and 7 in the morning.
    if (k1 === 'noon') start = 12;
    else if (k1 !== null) start = to24(h1, k1);
    else if (k2 === 'pm' || k2 === 'noon') {
      // The suffix belongs to the end; the start takes whichever half-day keeps it before the end.
      start = h1 < 12 && (h1 + 12) * 60 + min1 <= end * 60 + min2 ? h1 + 12 : h1;
    } else if (k2 === 'am') start = h1 === 12 ? 0 : h1;
    else start = h1 <= 7 ? h1 + 12 : h1;
    const from = hhmm(start, min1);
    const to = hhmm(end, min2);
    if (!from || !to || from > to) continue;
    return { value: { from, to }, start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/* ------------------------------------------------------------------------------------------- */
/* Page footers                                                                                 */
/* ------------------------------------------------------------------------------------------- */

const FOOTER_RE = /^(?:page|tudalen)\s+(\d{1,6})$/i;
const STAMP_RE = /^(?:agenda item|eitem agenda|item)\s+(\d{1,3}[a-z]?)$/i;
const BLANK_PAGE_RE = /^(this page (is|has been) (intentionally )?left blank|mae['’]r dudalen hon wedi['’]i gadael yn wag( yn fwriadol)?)\.?$/i;

/** The printed "Page N": the page's last lines first (a footer), then its first two (a header). */
function footerNumber(text: PackText, p: number): number | null {
  const tail = text.tail(p, 3);
  for (const line of [...tail.reverse(), ...text.head(p, 2)]) {
    const m = FOOTER_RE.exec(line.text);
    if (m) {
      const value = Number(m[1]);
      if (value > 0) return value;
    }
  }
  return null;
}

const DIGITS_ONLY_RE = /^[\d\s.\-–]*$/;

function isNoise(line: Line): boolean {
  return FOOTER_RE.test(line.text) || STAMP_RE.test(line.text) || BLANK_PAGE_RE.test(line.text) || DIGITS_ONLY_RE.test(line.text) || /^public document pack$/i.test(line.text);
}

/** Fills runs of unnumbered pages lying between two numbered pages whose numbers leave exactly that gap. */
function interpolate(printed: ReadonlyArray<number | null>): Array<number | null> {
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
function pdfPagesFor(range: PageRange, numbers: ReadonlyArray<number | null>): PageRange | null {
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

/* ------------------------------------------------------------------------------------------- */
/* The agenda table                                                                             */
/* ------------------------------------------------------------------------------------------- */

const HEADER_SUBJECT_RE = /\b(subject|title|business|description|report|pwnc|teitl|busnes)\b/i;
const HEADER_OTHER_RE = /\b(item|items|eitem|rhif|no|number|page|pages|tudalen|dudalen)\b/i;

function isHeader(line: Line): boolean {
  if (line.text.length > 80) return false;
  if (/^\d/.test(line.text)) return false;
  return HEADER_SUBJECT_RE.test(line.text) && HEADER_OTHER_RE.test(line.text);
}

const END_OF_TABLE_RE =
  /^(agenda (produced|published|issued)|date of (issue|publication)|dyddiad cyhoeddi|cyhoeddwyd yr agenda|all the above reports|this page is intentionally left blank|mae['’]r dudalen hon)/i;

/** "5", "5.", "5a", "5(a)", "5.1", "Item 5". */
const NUMBER = String.raw`(?:item\s+)?(\d{1,3})(?:([a-z])|\(([a-z])\)|\.(\d{1,2}))?[.)]?`;
const ITEM_NUMBER_RE = new RegExp(String.raw`^${NUMBER}$`, 'i');
const ITEM_LEAD_RE = new RegExp(String.raw`^${NUMBER}\s+(\S.*)$`, 'i');

interface RowStart {
  number: string;
  key: number;
  /** The row's cells after the number. */
  rest: string[];
}

/** The printed number without "Item" and a trailing "." or ")", and a key that orders 5 < 5a < 5b < 6. */
function itemNumber(m: RegExpExecArray): { number: string; key: number } {
  const [, digits = '0', letter, bracketed, sub] = m;
  const n = Number(digits);
  const l = (letter ?? bracketed)?.toLowerCase();
  const number = l ? (bracketed ? `${n}(${l})` : `${n}${l}`) : sub !== undefined ? `${n}.${Number(sub)}` : String(n);
  const key = n * 100 + (l ? l.charCodeAt(0) - 96 : sub !== undefined ? Number(sub) : 0);
  return { number, key };
}

function rowStart(line: Line, lastKey: number, strict: boolean): RowStart | null {
  const first = line.cells[0] ?? '';
  const m = ITEM_NUMBER_RE.exec(first);
  if (m && line.cells.length >= 2 && /\p{L}/u.test(line.cells[1] ?? '')) {
    const { number, key } = itemNumber(m);
    return key > lastKey ? { number, key, rest: line.cells.slice(1) } : null;
  }
  // Without cells, "5 Budget Scrutiny" counts only as the next number in sequence.
  const lead = ITEM_LEAD_RE.exec(line.cells.length === 1 ? line.text : first);
  const subject = lead?.[5] ?? '';
  if (!lead || !/^[\p{Lu}(‘'"“]/u.test(subject)) return null;
  const { number, key } = itemNumber(lead);
  const n = Math.floor(key / 100);
  const lastN = Math.floor(lastKey / 100);
  if (key <= lastKey || (strict && n > lastN + 10) || (!strict && n > 20)) return null;
  return { number, key, rest: [subject, ...line.cells.slice(1)] };
}

interface PageColumn {
  status: ItemStatus;
  printedPages: PageRange | null;
  /** A range whose end comes before its start, or some other unreadable page entry. */
  unreadable?: boolean;
}

const TO_FOLLOW = ['to follow', 'i ddilyn', 'to be tabled', 'i’w gyflwyno', "i'w gyflwyno", 'report to follow', 'adroddiad i ddilyn'];
const PREVIOUSLY = ['previously circulated', 'circulated previously', 'already circulated', 'dosbarthwyd eisoes', 'dosbarthwyd yn flaenorol', "wedi'i ddosbarthu eisoes", 'wedi’i ddosbarthu eisoes'];
const NO_PAPER = ['verbal', 'verbal report', 'verbal update', 'oral report', 'oral update', 'presentation', 'llafar', 'adroddiad llafar', 'cyflwyniad'];
const PAGE_RANGE_RE = /^(?:(?:pages?|pp?\.?|tudalen(?:nau)?)\s*)?(\d{1,5})(?:\s*[-–—‒]\s*(\d{1,5}))?$/i;

function readPageColumn(raw: string): PageColumn | null {
  const text = clean(raw).toLowerCase().replace(/[.:]$/, '');
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

/** Could `text` be the start of a page-column entry that wraps onto the next line ("Previously", "1 -")? */
function isPageColumnPrefix(raw: string): boolean {
  const text = clean(raw).toLowerCase();
  if (text.length === 0) return false;
  if (/^\d{1,5}\s*[-–—‒]$/.test(text) || /^(pages?|pp?\.?)$/.test(text)) return true;
  return [...TO_FOLLOW, ...PREVIOUSLY, ...NO_PAPER].some((p) => p.length > text.length && p.startsWith(`${text} `));
}

function isPageColumnText(raw: string): boolean {
  return readPageColumn(raw) !== null || isPageColumnPrefix(raw);
}

interface SubjectLine {
  text: string;
  bold: boolean | undefined;
}

interface RawRow {
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
    const m = /^(.*\p{L}.*?)\s+((?:\d{1,5}\s*[-–—‒]\s*\d{1,5})|to follow|previously circulated|i ddilyn)$/iu.exec(rest[0] ?? '');
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

function tidyTitle(text: string): string {
  return clean(text.replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, ''));
}

function finishRow(row: RawRow, tableUsesBold: boolean): PackItem | null {
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
  title = tidyTitle(title);
  if (title.length === 0) title = tidyTitle((timing ? removeTiming(all, timing) : all).replace(TIMING_LABEL_RE, ' '));
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

interface TableLocation {
  page: number;
  line: number;
}

/** The front sheet: the first page (before the reports) whose lines hold an agenda table. */
function findTable(pages: PackText, firstFooterPage: number): TableLocation | null {
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
  // Otherwise two consecutive numbered rows in table cells ("1 | Apologies", "2 | Declarations").
  for (let p = 0; p < Math.min(limit, 10); p += 1) {
    const lines = pages.page(p);
    for (let i = 0; i < lines.length; i += 1) {
      const line = lines[i];
      if (!line || line.cells.length < 2) continue;
      const a = rowStart(line, 0, false);
      if (!a || a.key > 300) continue;
      for (let j = i + 1; j < Math.min(lines.length, i + 25); j += 1) {
        const next = lines[j];
        if (!next || next.cells.length < 2) continue;
        const b = rowStart(next, a.key, true);
        if (b) return { page: p, line: i };
        if (ITEM_NUMBER_RE.test(next.cells[0] ?? '')) break;
      }
    }
  }
  return null;
}

interface TableResult {
  rows: RawRow[];
  /** Where the table starts and the page it ends on. */
  start: TableLocation;
  hasPageColumn: boolean;
}

function readTable(pages: PackText, start: TableLocation): TableResult {
  const rows: RawRow[] = [];
  let current: RawRow | null = null;
  let lastKey = 0;
  let hasPageColumn = false;
  let ended = false;
  for (let p = start.page; p < pages.count && !ended; p += 1) {
    const lines = pages.page(p);
    let i = p === start.page ? start.line : 0;
    if (p !== start.page) {
      // The table carries on over a page break only if the next page opens with a header or the next row.
      const opening = lines.find((l) => !isNoise(l));
      if (!opening || !(isHeader(opening) || rowStart(opening, lastKey, true))) break;
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
        rows.push(current);
        lastKey = start.key;
        continue;
      }
      if (current === null) continue; // A wrapped header line ("Eitem | Dudalen") before the first row.
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

/* ------------------------------------------------------------------------------------------- */
/* The meeting                                                                                  */
/* ------------------------------------------------------------------------------------------- */

const MEMBER_PREFIX = String.raw`(?:County\s+)?(?:Councillor|Cllr|Cynghorydd|Cyng)\.?`;
const MEMBER_PREFIX_RE = new RegExp(String.raw`(?:^|[\s,(])${MEMBER_PREFIX}\s`, 'i');
const MEMBER_PREFIXES_RE = new RegExp(MEMBER_PREFIX_RE.source, 'gi');
const MEMBERSHIP_LABEL_RE = /^(membership|aelodaeth|councillors|cynghorwyr|members|aelodau)\b\s*:?/i;
const STOP_MEMBERS_RE =
  /^(agenda|rhaglen|items?\b|item no|rhif|substitutes?|dirprwy|also (invited|in attendance)|officers?|swyddogion|notes?\b|date\b|dyddiad|contact|cyswllt|venue|time\b|public document pack)/i;
const COMMITTEE_NOISE_RE = /^(agenda|rhaglen|public document pack|supplementary|atodol|notice of (a )?meeting|hysbysiad|summons|wysiad|agenda item|eitem agenda|page \d+)\b/i;
/** Words that name a committee; a council's own name ("Worcestershire County Council") is not one. */
const COMMITTEE_ONLY_RE = /\b(committee|sub-committee|panel|board|cabinet|forum|commission|scrutiny|pwyllgor|is-bwyllgor|bwrdd|fforwm|comisiwn)\b/i;
const COMMITTEE_WORD_RE = /\b(committee|sub-committee|panel|board|cabinet|council|forum|commission|assembly|scrutiny|pwyllgor|is-bwyllgor|bwrdd|cyngor|fforwm|comisiwn)\b/i;
const CONNECTOR_END_RE = /(\b(and|of|for|the|on|in|to|with|a|ac|ar|y|yr|o|i|&)|[,&-])$/i;
const VENUE_LABEL_RE = /^(venue|place|location|where|lleoliad|man cyfarfod)\s*:\s*(.+)$/i;
const NOT_VENUE_RE = /^(membership|aelodaeth|councillors|cynghorwyr|members|agenda|rhaglen|all (county )?councillors|gwahoddir|item|this document|find out more|cllr|cyng)\b/i;

function roleOf(text: string): PackMember['role'] {
  if (/\b(vice[\s-]*chair(man|woman|person)?|deputy[\s-]*chair(man|woman|person)?|is[\s-]*gadeirydd)\b/i.test(text)) return 'vice-chair';
  if (/\b(chair(man|woman|person)?|cadeirydd|convenor)\b/i.test(text)) return 'chair';
  return 'member';
}

/** "Cllr Mike Rouse (Chairman), Cllr James Stanley (Vice Chairman), Cllr … and Cllr X". */
export function parseMembers(text: string): PackMember[] {
  const body = clean(text).replace(/^(membership|aelodaeth)\s*:?\s*/i, '').replace(/^(councillors|cynghorwyr|members|aelodau)\s*:\s*/i, '');
  const parts = body.split(new RegExp(String.raw`\s*[,;]\s*|\s+(?:and|a|ac|&)\s+(?=${MEMBER_PREFIX}\s)|\s+(?=${MEMBER_PREFIX}\s)`, 'i'));
  const members: PackMember[] = [];
  for (const raw of parts) {
    const part = clean(raw);
    if (part.length === 0) continue;
    const roleText = [...part.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? '').join(' ');
    const dashRole = /\s[-–—]\s*((vice[\s-]*)?chair(man|woman|person)?|(is-)?gadeirydd)$/i.exec(part);
    const role = roleOf(`${roleText} ${dashRole?.[1] ?? ''}`);
    let name = part.replace(/\([^)]*\)/g, ' ');
    if (dashRole) name = name.slice(0, name.length - dashRole[0].length);
    name = clean(name.replace(new RegExp(String.raw`^${MEMBER_PREFIX}\s+`, 'i'), '').replace(/^(and|a|ac|&)\s+/, '').replace(/[.,;:]+$/, ''));
    if (!/^\p{Lu}/u.test(name) || name.length > 60) continue;
    members.push({ name, role });
  }
  return members;
}

function findMembers(lines: readonly Line[]): PackMember[] {
  let start = -1;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (!line) continue;
    const labelled = MEMBERSHIP_LABEL_RE.test(line.text);
    const prefixes = line.text.match(MEMBER_PREFIXES_RE)?.length ?? 0;
    if (labelled && prefixes > 0) {
      start = i;
      break;
    }
    if (labelled && MEMBER_PREFIX_RE.test(lines[i + 1]?.text ?? '')) {
      start = i + 1;
      break;
    }
    if (prefixes >= 2) {
      start = i;
      break;
    }
  }
  if (start < 0) return [];
  const parts: string[] = [];
  const first = lines[start];
  const blockBold = first?.bold;
  for (let i = start; i < lines.length && parts.length < 40; i += 1) {
    const line = lines[i];
    if (!line) break;
    if (i > start) {
      if (STOP_MEMBERS_RE.test(line.text) || isHeader(line) || findDate(line.text)) break;
      const hasPrefix = MEMBER_PREFIX_RE.test(` ${line.text}`);
      if (!hasPrefix) {
        if (line.text.length > 80 || /[.!?]$/.test(parts[parts.length - 1] ?? '')) break;
        if (blockBold === false && line.bold === true) break;
      }
    }
    parts.push(line.text);
  }
  return parseMembers(joinWrapped(parts));
}

interface MeetingFields {
  committee: string | null;
  date: string | null;
  startTime: string | null;
  venue: string | null;
}

function committeeBefore(lines: readonly Line[], dateLine: number): string | null {
  const candidates: Line[] = [];
  for (let i = 0; i < dateLine; i += 1) {
    const line = lines[i];
    if (line && !COMMITTEE_NOISE_RE.test(line.text) && !isNoise(line) && !/^(agenda|rhaglen)$/i.test(line.text)) candidates.push(line);
  }
  if (candidates.length === 0) return null;
  // Prefer the line naming a committee (not the council's name above it); join its wrapped lines.
  const isCouncilName = (text: string): boolean => /\bcouncil$|^cyngor\b/i.test(text) && !COMMITTEE_ONLY_RE.test(text);
  let at = candidates.findIndex((l) => COMMITTEE_WORD_RE.test(l.text) && !isCouncilName(l.text));
  if (at < 0) at = Math.max(0, candidates.length - 1);
  while (at > 0 && CONNECTOR_END_RE.test(candidates[at - 1]?.text ?? '') && !isCouncilName(candidates[at - 1]?.text ?? '')) at -= 1;
  const parts: string[] = [];
  for (let i = at; i < candidates.length && parts.length < 4; i += 1) {
    const line = candidates[i];
    if (!line) break;
    if (parts.length > 0 && !CONNECTOR_END_RE.test(parts[parts.length - 1] ?? '') && !/^\p{Ll}/u.test(line.text)) break;
    parts.push(line.text);
  }
  const committee = tidyTitle(joinWrapped(parts));
  return committee.length > 0 && committee.length <= 200 ? committee : null;
}

/** Could `line` be the end of a venue that wrapped from the date line? */
function looksLikeVenueTail(line: Line): boolean {
  return (
    line.text.length <= 80 &&
    !NOT_VENUE_RE.test(line.text) &&
    !COMMITTEE_ONLY_RE.test(line.text) &&
    !findDate(line.text) &&
    !MEMBER_PREFIX_RE.test(` ${line.text}`) &&
    !/[.!?:]$/.test(line.text)
  );
}

/** Set like the date line, in the same type, directly under it (needs the extractor's geometry). */
function continuesLine(line: Line, next: Line): boolean {
  if (line.bold !== true || next.bold !== true) return false;
  if (line.height === undefined || next.height === undefined || line.y === undefined || next.y === undefined) return false;
  return Math.abs(line.height - next.height) < 0.5 && next.y - line.y < line.height * 2;
}

function venueAfter(lines: readonly Line[], at: number, rest: string): string | null {
  const venue = tidyTitle(rest.replace(/^[\s,;:–—-]*(at|in|yn)\s+/i, ''));
  const line = lines[at];
  const following = lines[at + 1];
  if (venue.length > 0) {
    // The date line wrapped: "…, Neuadd y Sir," + "Caerwrangon".
    if (line && following && looksLikeVenueTail(following)) {
      if (/,\s*$/.test(rest)) return tidyTitle(`${venue}, ${following.text}`);
      if (continuesLine(line, following) && following.text.split(' ').length <= 4 && /^\p{Lu}/u.test(following.text)) {
        return tidyTitle(`${venue} ${following.text}`);
      }
    }
    return venue;
  }
  // The venue on a line of its own under the date (and time).
  for (let next = at + 1; next < Math.min(lines.length, at + 3); next += 1) {
    const candidate = lines[next];
    if (!candidate) break;
    if (findStartTime(candidate.text) && candidate.text.length < 20) continue;
    if (NOT_VENUE_RE.test(candidate.text) || findDate(candidate.text) || candidate.text.length > 100 || /[.!?]$/.test(candidate.text)) return null;
    return tidyTitle(candidate.text.replace(VENUE_LABEL_RE, '$2')) || null;
  }
  return null;
}

function readMeeting(lines: readonly Line[]): MeetingFields {
  const fields: MeetingFields = { committee: null, date: null, startTime: null, venue: null };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (!line || NOT_MEETING_DATE_RE.test(line.text)) continue;
    const date = findDate(line.text);
    if (!date) continue;
    // The meeting's date opens its line ("Monday, 17 January 2022, …", "Date: …"), not a sentence,
    // unless the committee's name comes first on the same line.
    const lead = line.text.slice(0, date.start);
    let committeeLead: string | null = null;
    if (!DATE_LEAD_RE.test(lead)) {
      const named = COMMITTEE_LEAD_RE.exec(lead)?.[1] ?? '';
      if (!COMMITTEE_ONLY_RE.test(named) || named.length > 200) continue;
      committeeLead = named;
    }
    let dateLine = i;
    fields.date = date.value;
    const after = line.text.slice(date.end);
    let time = findStartTime(after);
    let restStart = date.end + (time ? time.end : 0);
    if (!time) {
      const before = findStartTime(line.text.slice(0, date.start));
      if (before) time = before;
      restStart = date.end;
    }
    if (!time) {
      // "Time: 10.00 am" or the time alone on the next line.
      for (let j = i + 1; j < Math.min(lines.length, i + 3) && !time; j += 1) {
        const next = lines[j];
        if (next && (next.text.length <= 30 || /^(time|amser)\s*:/i.test(next.text))) time = findStartTime(next.text);
        if (time) dateLine = j;
      }
    }
    fields.startTime = time?.value ?? null;
    const rest = dateLine === i ? line.text.slice(restStart) : '';
    fields.venue = venueAfter(lines, dateLine, rest.replace(/^[\s,;:–—-]+/, ''));
    fields.committee = committeeLead ? tidyTitle(committeeLead) : committeeBefore(lines, i);
    break;
  }
  for (const line of lines) {
    const labelled = VENUE_LABEL_RE.exec(line.text);
    if (labelled) {
      fields.venue = tidyTitle(labelled[2] ?? '') || fields.venue;
      break;
    }
  }
  if (fields.startTime === null) {
    for (const line of lines) {
      if (/^(time|amser)\s*:/i.test(line.text)) {
        fields.startTime = findStartTime(line.text)?.value ?? null;
        if (fields.startTime) break;
      }
    }
  }
  return fields;
}

/* ------------------------------------------------------------------------------------------- */
/* Headings (no agenda table)                                                                   */
/* ------------------------------------------------------------------------------------------- */

function isUpperHeading(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toLocaleUpperCase('en-GB') && letters !== letters.toLocaleLowerCase('en-GB');
}

function pageHeading(lines: readonly Line[]): string | null {
  const body = lines.filter((l) => !isNoise(l));
  const first = body[0];
  if (!first || first.text.length > 250) return null;
  const kind = first.bold === true ? 'bold' : isUpperHeading(first.text) ? 'upper' : null;
  if (!kind) return null;
  const parts = [first.text];
  let prev = first;
  for (let i = 1; i < body.length && parts.length < 6; i += 1) {
    const line = body[i];
    if (!line) break;
    const same = kind === 'bold' ? line.bold === true : isUpperHeading(line.text);
    if (!same) break;
    if (prev.height !== undefined && line.height !== undefined && Math.abs(prev.height - line.height) > 0.5) break;
    if (prev.y !== undefined && line.y !== undefined && prev.height !== undefined && line.y - prev.y > prev.height * 1.6) break;
    parts.push(line.text);
    prev = line;
  }
  const heading = joinWrapped(parts);
  return heading.length > 0 && heading.length <= 300 ? heading : null;
}

function headingItems(pages: PackText, numbers: ReadonlyArray<number | null>): PackItem[] {
  const items: PackItem[] = [];
  let previous: string | null = null;
  for (let p = 0; p < pages.count; p += 1) {
    const heading = pageHeading(pages.head(p, 12));
    const open = items[items.length - 1];
    if (heading === null || heading === previous) {
      if (open?.pdfPages) open.pdfPages.to = p + 1;
      continue;
    }
    previous = heading;
    items.push({ number: String(items.length + 1), title: heading, printedPages: null, pdfPages: { from: p + 1, to: p + 1 }, timing: null, status: 'published' });
  }
  for (const item of items) {
    if (!item.pdfPages) continue;
    const printed = numbers.slice(item.pdfPages.from - 1, item.pdfPages.to).filter((n): n is number => typeof n === 'number');
    if (printed.length > 0) item.printedPages = { from: Math.min(...printed), to: Math.max(...printed) };
  }
  return items;
}

/* ------------------------------------------------------------------------------------------- */
/* The whole pack                                                                               */
/* ------------------------------------------------------------------------------------------- */

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

/**
 * The pack's pages in PDF order, each line cleaned only when something reads it: the footers and
 * headings need a few lines of every page, the table and meeting only the front pages.
 */
class PackText {
  private readonly raw: ReadonlyArray<readonly unknown[]>;
  private readonly cache = new Map<number, Line[]>();

  constructor(input: unknown) {
    const pages = (Array.isArray(input) ? (input as unknown[]) : []).map((page, position) => {
      const p = typeof page === 'object' && page !== null ? (page as { index?: unknown; lines?: unknown }) : {};
      const index = typeof p.index === 'number' && Number.isInteger(p.index) ? p.index : position;
      return { index, position, lines: Array.isArray(p.lines) ? (p.lines as unknown[]) : [] };
    });
    if (new Set(pages.map((p) => p.index)).size === pages.length) pages.sort((a, b) => a.index - b.index || a.position - b.position);
    this.raw = pages.map((p) => p.lines);
  }

  get count(): number {
    return this.raw.length;
  }

  page(p: number): Line[] {
    let lines = this.cache.get(p);
    if (!lines) {
      lines = (this.raw[p] ?? []).map(toLine).filter((l): l is Line => l !== null);
      this.cache.set(p, lines);
    }
    return lines;
  }

  /** The first `n` lines with text. */
  head(p: number, n: number): Line[] {
    const cached = this.cache.get(p);
    if (cached) return cached.slice(0, n);
    const out: Line[] = [];
    for (const raw of this.raw[p] ?? []) {
      if (out.length >= n) break;
      const line = toLine(raw);
      if (line) out.push(line);
    }
    return out;
  }

  /** The last `n` lines with text, in reading order. */
  tail(p: number, n: number): Line[] {
    const cached = this.cache.get(p);
    if (cached) return cached.slice(Math.max(0, cached.length - n));
    const raw = this.raw[p] ?? [];
    const out: Line[] = [];
    for (let i = raw.length - 1; i >= 0 && out.length < n; i -= 1) {
      const line = toLine(raw[i]);
      if (line) out.unshift(line);
    }
    return out;
  }

  hasText(p: number): boolean {
    return this.head(p, 1).length > 0;
  }
}

const emptyMeeting = (): PackMeeting => ({ committee: null, date: null, startTime: null, venue: null, members: [] });

/** Reads meeting, agenda items and printed page numbers from a pack's extracted lines. */
export function parsePackStructure(pages: ReadonlyArray<StructurePage>): PackStructure {
  const text = new PackText(pages);
  const warnings: StructureWarning[] = [];
  const printed: Array<number | null> = [];
  const empty: number[] = [];
  for (let p = 0; p < text.count; p += 1) {
    printed.push(footerNumber(text, p));
    if (!text.hasText(p)) empty.push(p + 1);
  }

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

  // The meeting: the front sheet above the table first, then the pages before it (a cover).
  const frontPage = location?.page ?? 0;
  const searchOrder: Line[][] = [];
  if (location) {
    searchOrder.push(text.page(frontPage).slice(0, location.line));
    for (let p = 0; p < frontPage; p += 1) searchOrder.push(text.page(p));
  } else {
    for (let p = 0; p < Math.min(text.count, 3); p += 1) searchOrder.push(text.page(p));
  }
  const meeting = emptyMeeting();
  for (const block of searchOrder) {
    const found = readMeeting(block);
    meeting.committee ??= found.committee;
    if (meeting.date === null && found.date !== null) {
      meeting.date = found.date;
      meeting.startTime ??= found.startTime;
      meeting.venue ??= found.venue;
    }
    meeting.venue ??= found.venue;
    if (meeting.members.length === 0) meeting.members = findMembers(block);
  }

  if (items.length === 0) {
    warnings.push({ code: 'NO_AGENDA_TABLE', detail: location ? 'The agenda table has no readable rows' : 'No agenda table was found on the front sheet' });
    items = headingItems(text, printed);
    source = items.length > 0 ? 'headings' : 'none';
  } else {
    const withPages = items.filter((i) => i.printedPages !== null);
    const numbers = interpolate(printed);
    const noFooters = printed.every((n) => n === null);
    const stamps = noFooters ? agendaItemStamps(text) : [];
    if (withPages.length > 0 && noFooters) {
      warnings.push({
        code: 'NO_PAGE_FOOTERS',
        detail: stamps.some((s) => s !== null)
          ? 'No page carries a printed "Page N" footer; item pages were located from the "Agenda Item" stamps'
          : 'No page carries a printed "Page N" footer, so printed page ranges cannot be matched to PDF pages',
      });
    }
    for (const item of withPages) {
      if (!item.printedPages) continue;
      item.pdfPages = noFooters ? stampPages(item.number, stamps) : pdfPagesFor(item.printedPages, numbers);
      if (!item.pdfPages) {
        warnings.push({ code: 'ITEM_PAGES_NOT_FOUND', detail: `Printed pages ${item.printedPages.from}-${item.printedPages.to} of item ${item.number} are not in this PDF`, item: item.number });
      }
    }
    for (const row of rows) {
      const column = readPageColumn(row.page);
      if (column?.unreadable) {
        warnings.push({ code: 'ITEM_PAGES_NOT_FOUND', detail: `Item ${row.number}: the page entry "${row.page}" could not be read`, item: row.number });
      }
    }
  }

  const where = location ? 'from the front sheet' : '(no front sheet)';
  if (meeting.committee === null) warnings.push({ code: 'COMMITTEE_NOT_FOUND', detail: `The committee could not be read ${where}` });
  if (meeting.date === null) warnings.push({ code: 'MEETING_DATE_NOT_FOUND', detail: `The meeting date could not be read ${where}` });
  if (meeting.startTime === null) warnings.push({ code: 'MEETING_TIME_NOT_FOUND', detail: `The start time could not be read ${where}` });
  if (meeting.venue === null) warnings.push({ code: 'VENUE_NOT_FOUND', detail: `The venue could not be read ${where}` });
  if (meeting.members.length === 0) warnings.push({ code: 'MEMBERS_NOT_FOUND', detail: `The membership could not be read ${where}` });

  return { meeting, items, printedPageNumbers: printed, source, warnings };
}

/** "Agenda Item N" stamped at the top of the first page of each item's papers. */
function agendaItemStamps(text: PackText): Array<string | null> {
  const stamps: Array<string | null> = [];
  for (let p = 0; p < text.count; p += 1) {
    let found: string | null = null;
    for (const line of text.head(p, 3)) {
      const m = STAMP_RE.exec(line.text);
      if (m) {
        found = (m[1] ?? '').toLowerCase();
        break;
      }
    }
    stamps.push(found);
  }
  return stamps;
}

/** Without footers: from the page stamped "Agenda Item N" to the page before the next stamp. */
function stampPages(number: string, stamps: ReadonlyArray<string | null>): PageRange | null {
  const from = stamps.indexOf(number.toLowerCase());
  if (from < 0) return null;
  let to = from;
  while (to + 1 < stamps.length && stamps[to + 1] === null) to += 1;
  return { from: from + 1, to: to + 1 };
}

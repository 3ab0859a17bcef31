/** Meeting dates as front sheets print them: "Monday, 17 January 2022", "17th Jan 2022", "Date: 17/01/2022", Welsh month names. */
import type { Found } from './lines';

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

export const WEEKDAY = String.raw`monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|dydd\s+\p{L}+|nos\s+\p{L}+`;

export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first date in `text`; a numeric date only where the line is labelled "Date:". */
export function findDate(text: string): Found<string> | null {
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
